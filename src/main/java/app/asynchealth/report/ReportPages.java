package app.asynchealth.report;

import static app.asynchealth.report.Vocabulary.figure;
import static app.asynchealth.report.Vocabulary.one;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import app.asynchealth.profile.ProfilePictures.ProfileReport;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.MetricView;
import app.asynchealth.profile.ProfileRepresentations.NormGapView;
import app.asynchealth.profile.ProfileRepresentations.NormStatus;
import app.asynchealth.profile.ProfileRepresentations.NormView;
import app.asynchealth.profile.ProfileRepresentations.ProfileActionEffect;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.profile.ProfileRepresentations.TrendPoint;
import app.asynchealth.profile.ProfileRepresentations.VerdictView;
import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.report.ReportPage.ActionRow;
import app.asynchealth.report.ReportPage.DimensionRow;
import app.asynchealth.report.ReportPage.MetricRow;
import app.asynchealth.report.ReportPage.NormGap;
import app.asynchealth.report.ReportPage.NormRow;
import app.asynchealth.report.ReportPage.RecommendationRow;
import app.asynchealth.report.ReportPage.TrendRow;
import app.asynchealth.scoring.FigureStatus;

/** The printable report's content, worded once from the profile view (the same figures as its JSON). */
@Singleton
public class ReportPages {

    static final String SUPPRESSED = "suppressed";

    private final Vocabulary words;

    ReportPages(Vocabulary words) {
        this.words = words;
    }

    public ReportPage page(ProfileReport report, String css, String radarSvg, String trendSvg) {
        ProfileView p = report.profile();
        boolean scored = ProfileCharts.hasScores(p);
        String overall = scored && p.score() != null
                ? one(p.score()) + " (95 % interval " + one(p.scoreLower()) + "–" + one(p.scoreUpper()) + "), level "
                        + p.level() + " " + p.levelName()
                        + (Boolean.TRUE.equals(p.provisional()) ? ", provisional (" + p.lowestLevel() + "–"
                                + p.highestLevel() + ")" : "")
                : null;
        String closed = report.closedAt() == null ? "not closed" : "closed " + ProfileCharts.DAY.format(report.closedAt());
        return new ReportPage(css, "Async-health profile – " + ProfileCharts.subject(report),
                report.teamName() + ": " + report.title(),
                "Round " + report.round() + ", " + closed + ". Scoring method " + (p.scoringModel() == null ? "–"
                        : p.scoringModel()) + "; figures of the State of Async Work 2026 report (216 responses).",
                ProfileCharts.statusText(p) + (p.reason() == null ? "" : " " + p.reason()), scored, overall, radarSvg,
                ProfileCharts.NO_DIMENSION_FIGURE, dimensions(p, scored), scored ? metrics(p) : List.of(),
                scored ? normGap(p.normGap()) : null, scored ? recommendations(p) : List.of(),
                scored ? actions(p) : List.of(), trendSvg, trend(report));
    }

    private List<DimensionRow> dimensions(ProfileView p, boolean scored) {
        List<DimensionRow> rows = new ArrayList<>();
        if (p.dimensions() == null) {
            String status = ProfileCharts.status(p, null);
            words.dimensionKeys().forEach(key -> rows.add(new DimensionRow(words.dimensionName(key), status, "", "", "",
                    true)));
            return rows;
        }
        for (DimensionView d : p.dimensions()) {
            if (!scored || !d.published()) {
                rows.add(new DimensionRow(words.dimensionName(d.key()), ProfileCharts.status(p, d), "", "", "", true));
                continue;
            }
            String level = d.level() + " " + d.levelName()
                    + (Boolean.TRUE.equals(d.provisional()) ? " (provisional: " + d.lowestLevel() + "–" + d.highestLevel()
                            + ")" : "");
            rows.add(new DimensionRow(words.dimensionName(d.key()), one(d.score()),
                    one(d.scoreLower()) + "–" + one(d.scoreUpper()), level,
                    d.nextLevel() == null ? "Top level reached." : d.nextLevel(), false));
        }
        return rows;
    }

    private List<MetricRow> metrics(ProfileView p) {
        List<MetricRow> rows = new ArrayList<>();
        for (DimensionView d : p.dimensions()) {
            if (d.metrics() == null) {
                continue;
            }
            for (MetricView m : d.metrics()) {
                String unit = words.metricUnit(m.key());
                String reportFigure = m.benchmarkKey() == null ? "no like-for-like figure"
                        : figure(m.benchmarkValue(), m.benchmarkUnit())
                                + (m.benchmarkPopulation() == null ? ""
                                        : " (" + m.benchmarkPopulation().replace('-', ' ') + ")");
                if (!m.published()) {
                    rows.add(new MetricRow(words.dimensionName(d.key()), m.label(),
                            SUPPRESSED + " (" + m.answered() + " answered)", "", reportFigure, "", "", "suppressed",
                            true));
                    continue;
                }
                String difference = m.difference() == null ? ""
                        : signed(m.difference()) + (m.differenceLower() == null ? ""
                                : " (" + one(m.differenceLower()) + " to " + one(m.differenceUpper()) + ")");
                String verdict = m.benchmarkKey() == null ? "" : verdict(m.verdict());
                rows.add(new MetricRow(words.dimensionName(d.key()), m.label(), one(m.value()) + unit,
                        m.lower() == null ? "" : one(m.lower()) + "–" + one(m.upper()), reportFigure, difference,
                        verdict, m.verdict() == null ? "none" : m.verdict().name().toLowerCase(Locale.ROOT), false));
            }
        }
        return rows;
    }

    private NormGap normGap(NormGapView gap) {
        if (gap == null) {
            return null;
        }
        String heading = gap.charterVersion() == null ? "Norm gap"
                : "Norm gap: charter version " + gap.charterVersion() + " beside what members perceive";
        List<NormRow> rows = new ArrayList<>();
        if (gap.norms() != null) {
            for (NormView n : gap.norms()) {
                if (n.status() != NormStatus.AVAILABLE) {
                    String status = n.status() == NormStatus.SUPPRESSED ? SUPPRESSED + " (" + n.answered() + " answered)"
                            : "not measured";
                    rows.add(new NormRow(n.statement(), n.perception(), status, "", "", true));
                    continue;
                }
                boolean mean = "mean".equals(n.kind());
                String unit = mean ? " h" : "%";
                String value = one(n.value()) + unit + (n.lower() == null ? "" : " (" + one(n.lower()) + "–"
                        + one(n.upper()) + ")");
                String comparison = n.stated() == null ? ""
                        : "stated " + one(n.stated()) + unit + (n.difference() == null ? ""
                                : ", " + signed(n.difference()) + (n.differenceLower() == null ? ""
                                        : " (" + one(n.differenceLower()) + " to " + one(n.differenceUpper()) + ")"));
                rows.add(new NormRow(n.statement(), n.perception(), value, comparison,
                        n.verdict() == null ? "" : verdict(n.verdict()), false));
            }
        }
        return new NormGap(heading, gap.reason(), rows);
    }

    private List<RecommendationRow> recommendations(ProfileView p) {
        List<RecommendationRow> rows = new ArrayList<>();
        if (p.recommendations() != null) {
            for (Recommendation r : p.recommendations()) {
                rows.add(new RecommendationRow(r.title(), r.basis() == null ? "" : r.basis(), r.evidence()));
            }
        }
        return rows;
    }

    private List<ActionRow> actions(ProfileView p) {
        List<ActionRow> rows = new ArrayList<>();
        if (p.actions() != null) {
            for (ProfileActionEffect a : p.actions()) {
                String unit = words.metricUnit(a.metric());
                if (a.figures() != FigureStatus.AVAILABLE || a.change() == null) {
                    rows.add(new ActionRow(a.title(), a.metric(), SUPPRESSED, SUPPRESSED, SUPPRESSED, "", true));
                    continue;
                }
                rows.add(new ActionRow(a.title(), a.metric(), one(a.baselineValue()) + unit, one(a.value()) + unit,
                        signed(a.change()) + (a.changeLower() == null ? ""
                                : " (" + one(a.changeLower()) + " to " + one(a.changeUpper()) + ")"),
                        a.verdict() == null ? "" : a.verdict().replace('-', ' '), false));
            }
        }
        return rows;
    }

    private List<TrendRow> trend(ProfileReport report) {
        List<TrendRow> rows = new ArrayList<>();
        if (report.trend() == null) {
            return rows;
        }
        for (TrendPoint point : ProfileCharts.window(report.trend().rounds(), report.profile().assessmentId(),
                ReportPictures.TREND_ROUNDS)) {
            boolean available = point.status() == ProfileStatus.AVAILABLE;
            String status = available ? "available" : point.status().name().toLowerCase(Locale.ROOT);
            String score = !available ? status + " (" + point.respondents() + " responses)"
                    : point.score() == null ? SUPPRESSED : one(point.score()) + ", level " + point.level();
            rows.add(new TrendRow("Round " + point.round() + ": " + point.title(),
                    ProfileCharts.DAY.format(point.closedAt()), status, score,
                    point.change() == null ? "" : signed(point.change())));
        }
        return rows;
    }

    static String verdict(VerdictView verdict) {
        if (verdict == null) {
            return "no verdict (neither direction is healthier)";
        }
        return switch (verdict) {
            case BETTER -> "better";
            case WORSE -> "worse";
            case NO_CLEAR_DIFFERENCE -> "no clear difference";
        };
    }

    static String signed(double value) {
        return (value > 0 ? "+" : "") + one(value);
    }
}
