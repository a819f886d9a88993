package app.asynchealth.report;

import static app.asynchealth.report.Vocabulary.one;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import app.asynchealth.profile.ProfilePictures.ProfileReport;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.profile.ProfileRepresentations.TrendDimension;
import app.asynchealth.profile.ProfileRepresentations.TrendPoint;
import app.asynchealth.report.svg.RadarChart;
import app.asynchealth.report.svg.RadarChart.Axis;
import app.asynchealth.report.svg.TrendChart;
import app.asynchealth.report.svg.TrendChart.Round;
import app.asynchealth.report.svg.TrendChart.Series;

/**
 * The profile's and the trend's numbers as chart specifications, exactly as the JSON has them: a score is drawn only
 * where the JSON publishes one, and everything else says why it has none.
 */
@Singleton
public class ProfileCharts {

    static final String NO_DIMENSION_FIGURE = "The report has no figure for a dimension score, so none is drawn: its"
            + " figures are compared metric by metric, where one measures the same thing for the same population.";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Vocabulary words;

    ProfileCharts(Vocabulary words) {
        this.words = words;
    }

    /** The radar of a round's profile. */
    public RadarChart.Spec radar(String id, ProfileReport report) {
        ProfileView profile = report.profile();
        boolean scored = hasScores(profile);
        Map<String, DimensionView> byKey = profile.dimensions() == null ? Map.of()
                : profile.dimensions().stream().collect(Collectors.toMap(DimensionView::key, Function.identity()));
        List<String> keys = profile.dimensions() == null ? words.dimensionKeys()
                : profile.dimensions().stream().map(DimensionView::key).toList();
        List<Axis> axes = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (String key : keys) {
            DimensionView d = byKey.get(key);
            String name = words.dimensionName(key);
            if (scored && d != null && d.published()) {
                String level = "level " + d.level() + " " + d.levelName()
                        + (Boolean.TRUE.equals(d.provisional()) ? ", provisional (" + d.lowestLevel() + "–"
                                + d.highestLevel() + ")" : "");
                axes.add(new Axis(key, name, d.score(), d.scoreLower(), d.scoreUpper(), d.level(), "available",
                        one(d.score()) + " · L" + d.level()));
                described.add(name + ": " + one(d.score()) + " (95 % interval " + one(d.scoreLower()) + "–"
                        + one(d.scoreUpper()) + "), " + level);
            } else {
                String status = status(profile, d);
                axes.add(new Axis(key, name, null, null, null, null, status, status));
                described.add(name + ": " + status);
            }
        }
        String subject = subject(report);
        String description = "Scores 0–100 of the " + axes.size() + " dimensions, each with its 95 % interval, on rings"
                + " at the level boundaries (" + levelsText() + "). " + statusText(profile) + " "
                + String.join("; ", described) + ". " + NO_DIMENSION_FIGURE;
        String notice = scored ? null : notice(profile);
        return new RadarChart.Spec(id, "Async-health profile: " + subject, description, axes, words.levels(), notice);
    }

    /**
     * The trend as lines: the overall score, and each dimension when {@code dimensions}; the rounds up to and including
     * {@code upTo} (all when null), the last {@code last} of them.
     */
    public TrendChart.Spec trend(String id, String teamName, List<TrendPoint> allRounds, UUID upTo, int last,
            boolean dimensions, double width, double height) {
        List<TrendPoint> rounds = window(allRounds, upTo, last);
        List<Round> xs = new ArrayList<>();
        List<Double> overall = new ArrayList<>();
        List<String> overallStatus = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (TrendPoint point : rounds) {
            boolean available = point.status() == ProfileStatus.AVAILABLE;
            String status = available ? null : point.status().name().toLowerCase(Locale.ROOT);
            xs.add(new Round(point.assessmentId().toString(), "R" + point.round() + " " + SHORT_DAY.format(point.closedAt()),
                    status));
            overall.add(available ? point.score() : null);
            overallStatus.add(available ? (point.score() == null ? "suppressed" : null) : status);
            described.add(roundText(point));
        }
        List<Series> series = new ArrayList<>();
        series.add(new Series("overall", "Overall", true, overall, overallStatus));
        if (dimensions) {
            for (String key : words.dimensionKeys()) {
                List<Double> values = new ArrayList<>();
                List<String> statuses = new ArrayList<>();
                for (TrendPoint point : rounds) {
                    TrendDimension d = point.dimensions() == null ? null : point.dimensions().stream()
                            .filter(dimension -> dimension.key().equals(key)).findFirst().orElse(null);
                    boolean shown = point.status() == ProfileStatus.AVAILABLE && d != null && d.score() != null;
                    values.add(shown ? d.score() : null);
                    statuses.add(shown ? null : point.status() != ProfileStatus.AVAILABLE
                            ? point.status().name().toLowerCase(Locale.ROOT) : d == null ? "not scored" : "suppressed");
                }
                series.add(new Series(key, words.dimensionName(key), false, values, statuses));
            }
        }
        String description = (rounds.isEmpty() ? "No closed round yet. "
                : "Scores 0–100 per closed round, on level bands (" + levelsText() + "). ")
                + String.join(" ", described)
                + " A round or dimension without a published score is marked as such and no line crosses it.";
        return new TrendChart.Spec(id, "Async-health trend: " + teamName, description, width, height, xs, series,
                words.levels());
    }

    static List<TrendPoint> window(List<TrendPoint> rounds, UUID upTo, int last) {
        int end = rounds.size();
        for (int i = 0; upTo != null && i < rounds.size(); i++) {
            if (rounds.get(i).assessmentId().equals(upTo)) {
                end = i + 1;
            }
        }
        return rounds.subList(Math.max(0, end - last), end);
    }

    String roundText(TrendPoint point) {
        String head = "Round " + point.round() + " (" + point.title() + ", closed "
                + DAY.format(point.closedAt()) + "): ";
        if (point.status() != ProfileStatus.AVAILABLE) {
            return head + point.status().name().toLowerCase(Locale.ROOT) + " (" + point.respondents()
                    + " responses, threshold " + point.anonymityThreshold() + ").";
        }
        List<String> parts = new ArrayList<>();
        parts.add("overall " + (point.score() == null ? "suppressed" : one(point.score()) + ", level " + point.level()));
        if (point.dimensions() != null) {
            for (TrendDimension d : point.dimensions()) {
                parts.add(words.dimensionName(d.key()) + " " + (d.score() == null ? "suppressed" : one(d.score())));
            }
        }
        return head + String.join(", ", parts) + ".";
    }

    static boolean hasScores(ProfileView profile) {
        return (profile.status() == ProfileStatus.AVAILABLE || profile.status() == ProfileStatus.LIVE)
                && profile.dimensions() != null;
    }

    /** Why a dimension has no score: the whole profile is not available, or this dimension is suppressed. */
    static String status(ProfileView profile, DimensionView dimension) {
        if (!hasScores(profile)) {
            return profile.status() == ProfileStatus.PENDING ? "pending" : "suppressed";
        }
        return dimension == null ? "not scored" : "suppressed";
    }

    static String notice(ProfileView profile) {
        return profile.status() == ProfileStatus.PENDING ? "No scores until the round closes"
                : "No scores: " + profile.respondents() + " responses, threshold " + profile.anonymityThreshold();
    }

    static String statusText(ProfileView profile) {
        return switch (profile.status()) {
            case AVAILABLE -> profile.respondents() + " responses (anonymity threshold " + profile.anonymityThreshold()
                    + ").";
            case LIVE -> "A live snapshot of an open round: " + profile.respondents() + " responses (anonymity threshold "
                    + profile.anonymityThreshold() + ").";
            case PENDING -> "No scores: the round has not closed.";
            case SUPPRESSED -> "No scores: " + profile.respondents() + " responses, fewer than the anonymity threshold ("
                    + profile.anonymityThreshold() + ").";
        };
    }

    String levelsText() {
        List<String> parts = new ArrayList<>();
        var levels = words.levels();
        for (int i = 0; i < levels.size(); i++) {
            double end = i + 1 < levels.size() ? levels.get(i + 1).start() : 100;
            parts.add(levels.get(i).level() + " " + levels.get(i).name() + " " + Math.round(levels.get(i).start()) + "–"
                    + Math.round(end));
        }
        return "levels " + String.join(", ", parts);
    }

    static String subject(ProfileReport report) {
        return report.teamName() + " – " + report.title() + " (round " + report.round() + ")";
    }
}
