package app.asynchealth.profile;

import static app.asynchealth.scoring.Rounding.lower;
import static app.asynchealth.scoring.Rounding.round;
import static app.asynchealth.scoring.Rounding.score;
import static app.asynchealth.scoring.Rounding.upper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.profile.ProfileRepresentations.Comparison;
import app.asynchealth.profile.ProfileRepresentations.ContextFigure;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.MetricView;
import app.asynchealth.profile.ProfileRepresentations.NormGapView;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.profile.ProfileRepresentations.QuestionView;
import app.asynchealth.profile.ProfileRepresentations.SegmentView;
import app.asynchealth.profile.ProfileRepresentations.TrendDimension;
import app.asynchealth.profile.ProfileRepresentations.TrendPoint;
import app.asynchealth.profile.ProfileRepresentations.TrendView;
import app.asynchealth.profile.ProfileRepresentations.VerdictView;
import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.scoring.FigureStatus;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.LevelReading;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;
import app.asynchealth.tenant.Tenant;

/** Profiles as the API shows them: a computed {@link TeamProfile}, or why there is none, and the trend of a team. */
@ApplicationScoped
public class ProfileViews {

    static final int RECOMMENDATIONS = 5;

    private final ObjectMapper json;
    private final RecommendationCatalog recommendations = RecommendationCatalog.load();

    ProfileViews(ObjectMapper json) {
        this.json = json;
    }

    public byte[] json(ProfileView profile) {
        try {
            return json.writeValueAsBytes(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] json(TrendView trend) {
        try {
            return json.writeValueAsBytes(trend);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ProfileView available(Assessment assessment, long respondents, Comparison comparison, TeamProfile profile,
            ScoringModel model, NormGapView normGap) {
        String reason = profile.score() != null ? null
                : "No score is shown: no scored question has the anonymity threshold (" + assessment.anonymityThreshold
                        + ") of answers.";
        LevelReading levels = profile.levels();
        return new ProfileView(assessment.id, assessment.teamId, ProfileStatus.AVAILABLE, reason, respondents,
                assessment.anonymityThreshold, profile.scoringModel(),
                comparison.withSegments(profile.segments().stream()
                        .map(segment -> new SegmentView(segment.key(), segment.population(), segment.basis())).toList()),
                score(profile.score()), lower(profile.scoreInterval()), upper(profile.scoreInterval()),
                profile.level(), profile.levelName(), levels == null ? null : levels.lowest(),
                levels == null ? null : levels.highest(), levels == null ? null : levels.provisional(),
                dimensions(profile), recommendations.top(profile, model, RECOMMENDATIONS), null, normGap);
    }

    /**
     * The figures of a profile that the organisation rollup uses, with everything
     * else left out: no comparison, recommendations, intervals, questions or context. Stored beside the profile.
     */
    public static ProfileView figures(ProfileView p) {
        return new ProfileView(p.assessmentId(), p.teamId(), p.status(), null, p.respondents(), p.anonymityThreshold(),
                p.scoringModel(), null, p.score(), null, null, p.level(), p.levelName(), null, null, null,
                p.dimensions() == null ? null : p.dimensions().stream().map(d -> new DimensionView(d.key(), d.status(),
                        d.score(), null, null, d.level(), d.levelName(), null, null, null, null, null,
                        d.metrics() == null ? null : d.metrics().stream().map(m -> new MetricView(m.key(), m.label(),
                                m.kind(), m.status(), m.value(), null, null, m.answered(), m.benchmarkKey(),
                                m.benchmarkValue(), m.benchmarkUnit(), m.benchmarkPopulation(), null, null,
                                m.benchmarkQuote(), null, null, null, null, null, null, null, m.healthier(), null))
                                .toList()))
                        .toList(),
                null, null, null);
    }

    /** Less again: what a row of the scores feed shows, each dimension's score and first metric (ScoresFeed.row). */
    public static ProfileView feedFigures(ProfileView p) {
        return new ProfileView(p.assessmentId(), p.teamId(), p.status(), null, p.respondents(), p.anonymityThreshold(),
                p.scoringModel(), null, null, null, null, null, null, null, null, null,
                p.dimensions() == null ? null : p.dimensions().stream().map(d -> new DimensionView(d.key(), d.status(),
                        d.score(), null, null, d.level(), d.levelName(), null, null, null, null, null,
                        d.metrics() == null ? null : d.metrics().stream().limit(1).map(m -> new MetricView(m.key(), null,
                                null, m.status(), m.value(), null, null, m.answered(), m.benchmarkKey(),
                                m.benchmarkValue(), m.benchmarkUnit(), m.benchmarkPopulation(), null, null,
                                null, null, null, null, null, null, null, null, null, null))
                                .toList()))
                        .toList(),
                null, null, null);
    }

    public ProfileView pending(Assessment assessment, long submitted, Comparison comparison) {
        return new ProfileView(assessment.id, assessment.teamId, ProfileStatus.PENDING,
                "The profile appears when the assessment closes.", submitted, assessment.anonymityThreshold, null,
                comparison, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ProfileView suppressed(Assessment assessment, long respondents, Comparison comparison) {
        return new ProfileView(assessment.id, assessment.teamId, ProfileStatus.SUPPRESSED,
                "Fewer submitted responses (" + respondents + ") than the anonymity threshold ("
                        + assessment.anonymityThreshold + "): no scores are shown.",
                respondents, assessment.anonymityThreshold, null, comparison, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    public Comparison comparison(Tenant tenant) {
        String size = tenant.companySize == null ? null : tenant.companySize.name().toLowerCase();
        String style = tenant.workingStyle == null ? null : tenant.workingStyle.name().toLowerCase().replace('_', '-');
        String note = "Each metric is compared only with a figure of the report that measures the same thing for the "
                + "same population: a figure of all respondents, or of a segment the team belongs to (segments). "
                + "Where the report has no such figure, the metric is shown without one.";
        return new Comparison(size, style, null, note);
    }

    /**
     * Each closed round shows exactly its final profile (the same numbers, the same suppression).
     *
     * @param closed the team's closed assessments, in the order they closed
     */
    public TrendView trend(UUID teamId, List<Assessment> closed, Function<Assessment, ProfileView> finalProfile) {
        List<TrendPoint> rounds = new ArrayList<>();
        ProfileView previous = null;
        for (Assessment assessment : closed) {
            ProfileView profile = finalProfile.apply(assessment);
            if (profile.status() != ProfileStatus.AVAILABLE) {
                rounds.add(new TrendPoint(assessment.id, assessment.title, assessment.round, assessment.closedAt,
                        profile.status(), profile.respondents(), assessment.anonymityThreshold, null, null, null, null,
                        null));
                continue;
            }
            List<TrendDimension> dimensions = new ArrayList<>();
            for (DimensionView dimension : profile.dimensions()) {
                if (!dimension.published()) {
                    dimensions.add(new TrendDimension(dimension.key(), FigureStatus.SUPPRESSED, null, null, null));
                    continue;
                }
                DimensionView before = previous == null ? null : previous.dimensions().stream()
                        .filter(d -> d.key().equals(dimension.key())).findFirst().orElse(null);
                // A change only between two published scores of the same questions: a question that entered one round
                // and not the other would make the change a mix of both.
                boolean comparable = before != null && before.published() && sameModel(previous, profile)
                        && includedQuestions(before).equals(includedQuestions(dimension));
                dimensions.add(new TrendDimension(dimension.key(), FigureStatus.AVAILABLE, dimension.score(),
                        dimension.level(), comparable ? difference(dimension.score(), before.score()) : null));
            }
            // The overall change likewise: only when both overall scores rest on the same questions, by the same method.
            boolean comparable = previous != null && sameModel(previous, profile)
                    && includedQuestions(previous).equals(includedQuestions(profile));
            rounds.add(new TrendPoint(assessment.id, assessment.title, assessment.round, assessment.closedAt,
                    ProfileStatus.AVAILABLE, profile.respondents(), assessment.anonymityThreshold,
                    profile.scoringModel(), profile.score(),
                    profile.level(), comparable ? difference(profile.score(), previous.score()) : null, dimensions));
            previous = profile;
        }
        return new TrendView(teamId, rounds);
    }

    private static List<DimensionView> dimensions(TeamProfile profile) {
        return profile.dimensions().stream().map(d -> new DimensionView(d.key(), FigureStatus.of(d.published()),
                score(d.score()), lower(d.scoreInterval()), upper(d.scoreInterval()), d.level(), d.levelName(),
                d.levels() == null ? null : d.levels().lowest(), d.levels() == null ? null : d.levels().highest(),
                d.levels() == null ? null : d.levels().provisional(), d.nextLevel(), d.questions().stream()
                        .map(q -> new QuestionView(q.key(), FigureStatus.of(q.published()), q.answered())).toList(),
                d.metrics().stream().map(ProfileViews::metric).toList()))
                .toList();
    }

    public static MetricView metric(MetricResult m) {
        Benchmark b = m.benchmark();
        Range interval = m.interval();
        Range difference = m.differenceInterval();
        Boolean within = b == null || interval == null ? null : interval.contains(b.value());
        return new MetricView(m.key(), m.label(), m.kind(), FigureStatus.of(m.published()), round(m.value()),
                interval == null ? null : round(interval.lower()), interval == null ? null : round(interval.upper()),
                m.answered(), b == null ? null : b.key(), b == null ? null : b.value(), b == null ? null : b.unit(),
                b == null ? null : b.population(), b == null ? null : b.measure(), b == null ? null : b.sampleSize(),
                b == null ? null : b.quote(), m.segment(), round(m.difference()), lower(difference), upper(difference),
                m.differenceMethod(), verdict(m.verdict()),
                m.published() ? within : null, m.healthier(), m.context().isEmpty() ? null : m.context().stream()
                        .map(c -> new ContextFigure(c.key(), c.value(), c.unit(), c.population(), c.measure(), c.quote()))
                        .toList());
    }

    static VerdictView verdict(Verdict verdict) {
        return verdict == null ? null : switch (verdict) {
            case BETTER -> VerdictView.BETTER;
            case WORSE -> VerdictView.WORSE;
            case NO_CLEAR_DIFFERENCE -> VerdictView.NO_CLEAR_DIFFERENCE;
        };
    }

    /** Profiles of different methods are never compared; one stored before versioning is of the first. */
    private static boolean sameModel(ProfileView earlier, ProfileView later) {
        return Objects.equals(modelOf(earlier), modelOf(later));
    }

    private static String modelOf(ProfileView profile) {
        return profile.scoringModel() == null ? ProfileView.FIRST_MODEL : profile.scoringModel();
    }

    /** The questions each published dimension score of a profile was computed from, by dimension. */
    private static Map<String, List<String>> includedQuestions(ProfileView profile) {
        Map<String, List<String>> included = new HashMap<>();
        profile.dimensions().stream().filter(DimensionView::published)
                .forEach(dimension -> included.put(dimension.key(), includedQuestions(dimension)));
        return included;
    }

    /** The questions a dimension score was computed from (none listed in profiles stored before they were). */
    private static List<String> includedQuestions(DimensionView dimension) {
        return dimension.questions() == null ? List.of() : dimension.questions().stream()
                .filter(question -> question.status() == FigureStatus.AVAILABLE).map(QuestionView::key).toList();
    }

    private static Double difference(Double now, Double before) {
        return now == null || before == null ? null : round(now - before);
    }
}
