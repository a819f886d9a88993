package app.asynchealth.profile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.scoring.FigureStatus;

public final class ProfileRepresentations {

    private ProfileRepresentations() {
    }

    /**
     * available: the final profile; live: a snapshot of an open assessment (tenants with live profiles); suppressed:
     * too few respondents; pending: not closed yet.
     */
    public enum ProfileStatus {
        @JsonProperty("available")
        AVAILABLE,
        @JsonProperty("live")
        LIVE,
        @JsonProperty("suppressed")
        SUPPRESSED,
        @JsonProperty("pending")
        PENDING
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Profile", description = "A team's maturity profile. Below the anonymity threshold, or before the assessment closes, it carries no scores, metrics or recommendations.")
    public record ProfileView(@Schema(required = true) UUID assessmentId, @Schema(required = true) UUID teamId, @Schema(required = true) ProfileStatus status,
            @Schema(description = "Why there are no scores, when there are none") String reason,
            @Schema(description = "Submitted responses") long respondents,
            int anonymityThreshold,
            @Schema(description = "The version of the scoring method that computed the figures (docs/scoring.md); profiles of different versions are not compared") String scoringModel,
            Comparison comparison,
            @Schema(description = "Overall score 0-100, rounded down to one decimal (so that it never shows a level boundary its level has not reached)") Double score,
            @Schema(description = "Lower bound of the score's 95% interval") Double scoreLower,
            @Schema(description = "Upper bound of the score's 95% interval") Double scoreUpper,
            @Schema(description = "The level of the unrounded score") Integer level, String levelName,
            @Schema(description = "The lowest level the score's interval reaches") Integer lowestLevel,
            @Schema(description = "The highest level the score's interval reaches") Integer highestLevel,
            @Schema(description = "true when the score's interval spans a level boundary: the level may be one of lowestLevel to highestLevel") Boolean provisional,
            List<DimensionView> dimensions,
            List<Recommendation> recommendations,
            @Schema(description = "For live profiles, and final profiles that are a live snapshot: when the responses were counted") Instant snapshotTakenAt,
            NormGapView normGap,
            @Schema(description = "The team's actions this round measures (adopted from an earlier round's profile, this being the team's first closed round of the same template since): each with the change of its metric. Added when the profile is read, never stored with it.") List<ProfileActionEffect> actions) {

        /** A profile without actions: what is computed and stored (actions are added when it is read). */
        public ProfileView(UUID assessmentId, UUID teamId, ProfileStatus status, String reason, long respondents,
                int anonymityThreshold, String scoringModel, Comparison comparison, Double score, Double scoreLower,
                Double scoreUpper, Integer level, String levelName, Integer lowestLevel, Integer highestLevel,
                Boolean provisional, List<DimensionView> dimensions, List<Recommendation> recommendations,
                Instant snapshotTakenAt, NormGapView normGap) {
            this(assessmentId, teamId, status, reason, respondents, anonymityThreshold, scoringModel, comparison, score,
                    scoreLower, scoreUpper, level, levelName, lowestLevel, highestLevel, provisional, dimensions,
                    recommendations, snapshotTakenAt, normGap, null);
        }

        /** The same profile with the actions it measures. */
        public ProfileView withActions(List<ProfileActionEffect> measured) {
            return new ProfileView(assessmentId, teamId, status, reason, respondents, anonymityThreshold, scoringModel,
                    comparison, score, scoreLower, scoreUpper, level, levelName, lowestLevel, highestLevel, provisional,
                    dimensions, recommendations, snapshotTakenAt, normGap, measured);
        }

        /** Profiles stored before the method was versioned were computed by its first version. */
        static final String FIRST_MODEL = "1";

        ProfileView asSnapshot(ProfileStatus status, String reason, Instant takenAt) {
            return new ProfileView(assessmentId, teamId, status, reason, respondents, anonymityThreshold,
                    scoringModel == null && score != null ? FIRST_MODEL : scoringModel, comparison, score, scoreLower,
                    scoreUpper, level, levelName, lowestLevel, highestLevel, provisional, dimensions, recommendations,
                    takenAt, normGap);
        }
    }

    /**
     * Whether one figure of a profile (a dimension score, a question, a metric) is shown: available, or suppressed because
     * fewer than the anonymity threshold answered the questions it uses; a suppressed figure shows its count only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProfileActionEffect", description = "An action the team adopted from an earlier round, measured in this one: its metric in the baseline round and here, and the change with its 95% interval. Figures only where both rounds' figures are published (at least the round's anonymity threshold answered); otherwise figures is suppressed and no number is shown.")
    public record ProfileActionEffect(@Schema(required = true) UUID actionId, @Schema(required = true) String title, @Schema(required = true) String metric,
            @Schema(required = true, description = "The action's status: planned, in-progress, done or dropped") String status,
            @Schema(required = true) UUID baselineAssessmentId, @Schema(required = true) FigureStatus figures,
            @Schema(description = "The metric in the baseline round") Double baselineValue,
            @Schema(description = "The metric in this round") Double value,
            @Schema(description = "value − baselineValue (percentage points for shares)") Double change,
            @Schema(description = "Lower bound of the change's 95% interval") Double changeLower,
            @Schema(description = "Upper bound of the change's 95% interval") Double changeUpper,
            @Schema(description = "improved, worsened (the whole interval on that side of 0, by the metric's healthier direction) or within-noise (it contains 0)") String verdict,
            @Schema(description = "newcombe, welch or mover (see ActionEffect.method)") String method) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProfileComparison", description = "Who the team is compared with: the tenant's settings, and the report segments the team was found to belong to")
    public record Comparison(String companySize, String workingStyle,
            @Schema(description = "The report segments the team belongs to, each with its basis (its respondents' own answers, else the tenant's settings); a metric uses a segment's figure only when the team belongs to it") List<SegmentView> segments,
            String note) {

        Comparison withSegments(List<SegmentView> found) {
            return new Comparison(companySize, workingStyle, found, note);
        }
    }

    @Schema(name = "ProfileSegment", description = "A report segment the team belongs to, and why")
    public record SegmentView(
            @Schema(required = true, description = "async-first, real-time-focused, fully-async, in-office or large-company") String key,
            @Schema(required = true, description = "The report's name for the segment's population") String population,
            @Schema(required = true, description = "Why: how many respondents said so, or the tenant's setting") String basis) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DimensionProfile", description = "A dimension's score and level, from its available questions only; suppressed (no score, level or next level) when none of its questions was answered by at least the anonymity threshold")
    public record DimensionView(@Schema(required = true) String key, @Schema(required = true) FigureStatus status,
            @Schema(description = "Score 0-100, rounded down to one decimal") Double score,
            @Schema(description = "Lower bound of the score's 95% interval") Double scoreLower,
            @Schema(description = "Upper bound of the score's 95% interval") Double scoreUpper,
            @Schema(description = "The level of the unrounded score") Integer level, String levelName,
            @Schema(description = "The lowest level the score's interval reaches") Integer lowestLevel,
            @Schema(description = "The highest level the score's interval reaches") Integer highestLevel,
            @Schema(description = "true when the score's interval spans a level boundary") Boolean provisional,
            @Schema(description = "What the next level looks like") String nextLevel,
            @Schema(description = "The dimension's scored questions: how many answered each, and whether it enters the score") List<QuestionView> questions,
            List<MetricView> metrics) {

        public boolean published() {
            return status != FigureStatus.SUPPRESSED && score != null;
        }
    }

    @Schema(name = "ProfileQuestion", description = "A scored question of a dimension: it enters the dimension score only when available (answered by at least the anonymity threshold)")
    public record QuestionView(@Schema(required = true) String key, @Schema(required = true) FigureStatus status,
            @Schema(description = "Respondents who answered it") long answered) {
    }

    /** better: the whole difference interval is on the healthier side; worse: on the other; else no clear difference. */
    @Schema(name = "Verdict", description = "better or worse: the whole 95% interval of the difference lies on that side of the report's figure; no-clear-difference: it does not")
    public enum VerdictView {
        @JsonProperty("better")
        BETTER,
        @JsonProperty("worse")
        WORSE,
        @JsonProperty("no-clear-difference")
        NO_CLEAR_DIFFERENCE
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Metric", description = "A team value, with its 95% interval, beside the report's figure that measures the same thing for the team's population, if the report has one (otherwise without benchmark). Suppressed when fewer than the anonymity threshold answered its question: then it has its count and the figure, and no value, interval, difference or verdict.")
    public record MetricView(@Schema(required = true) String key, @Schema(required = true) String label, @Schema(required = true) String kind, @Schema(required = true) FigureStatus status, Double value,
            @Schema(description = "Lower bound of the value's 95% interval (Wilson for shares; Student t on the logit scale for bounded means)") Double lower,
            @Schema(description = "Upper bound of the value's 95% interval") Double upper,
            @Schema(description = "Respondents who answered its question (of them, for a share of a part of the answers)") int answered,
            @Schema(description = "The report's figure compared with; absent when the report has none for this team's population") String benchmarkKey,
            Double benchmarkValue, String benchmarkUnit, String benchmarkPopulation,
            @Schema(description = "What the figure measures") String benchmarkMeasure,
            @Schema(description = "Respondents the figure stands on; absent where the report does not publish it") Integer benchmarkSampleSize,
            String benchmarkQuote,
            @Schema(description = "The segment that chose the figure (see comparison.segments); absent for a figure of all respondents") String segment,
            @Schema(description = "Value minus the figure") Double difference,
            @Schema(description = "Lower bound of the difference's 95% interval") Double differenceLower,
            @Schema(description = "Upper bound of the difference's 95% interval") Double differenceUpper,
            @Schema(description = "newcombe (shares) or welch (means): both samples; team-interval: the team's interval less the figure, where the report gives no sample size for it, or where the team's answers show no spread (a conservative interval then)") String differenceMethod,
            VerdictView verdict,
            @Schema(description = "Deprecated, use verdict: the figure lies inside the team's interval") Boolean withinInterval,
            @Schema(description = "higher or lower: which way is healthier; absent when neither is") String healthier,
            @Schema(description = "Figures of the report shown for context, not compared") List<ContextFigure> context) {

        public boolean published() {
            return status != FigureStatus.SUPPRESSED && value != null;
        }
    }

    @Schema(name = "ContextFigure", description = "A figure of the report shown beside a metric for context")
    public record ContextFigure(@Schema(required = true) String key, double value, @Schema(required = true) String unit, String population, String measure,
            @Schema(required = true) String quote) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProfileNormGap", description = "Each norm the team's charter states, beside what the round's respondents perceive. The round is held against the charter version in effect when it closed (or its live snapshot was taken), so that a later edit does not change what it measured. Every perception follows the per-figure anonymity threshold.")
    public record NormGapView(
            @Schema(description = "The charter version the round is held against; absent when the team had no charter then") Integer charterVersion,
            @Schema(description = "When that version was written") Instant charterWrittenAt,
            @Schema(description = "Why no norm is compared, when none is") String reason,
            List<NormView> norms) {
    }

    @Schema(name = "NormStatus", description = "available: the perception is shown; suppressed: fewer answers than the anonymity threshold, only the count is shown; not-measured: the round's template does not ask the question that measures it")
    public enum NormStatus {
        @JsonProperty("available")
        AVAILABLE,
        @JsonProperty("suppressed")
        SUPPRESSED,
        @JsonProperty("not-measured")
        NOT_MEASURED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ProfileNorm", description = "A stated norm beside its perception. For a share: the percentage of respondents whose answer departs from the norm (departingAnswers). For a mean: the mean answer held against the stated value.")
    public record NormView(@Schema(required = true) String key,
            @Schema(required = true, description = "communication-guidelines, response-expectations, meetings, focus or after-hours") String area,
            @Schema(required = true, description = "The norm as the charter states it") String statement,
            @Schema(required = true, description = "What value measures") String perception,
            @Schema(required = true, description = "The assessment question that measures the perception") String question,
            @Schema(required = true, description = "share or mean") String kind,
            @Schema(description = "For a share: the answers to the question that depart from the norm") List<String> departingAnswers,
            @Schema(required = true) NormStatus status,
            @Schema(description = "Respondents who answered the question") long answered,
            @Schema(description = "Percentage departing (share) or mean answer (mean); absent unless available") Double value,
            @Schema(description = "Lower bound of the value's 95% interval (Wilson for shares, bounded t for means)") Double lower,
            @Schema(description = "Upper bound of the value's 95% interval") Double upper,
            @Schema(description = "For a mean: the value the charter states") Double stated,
            @Schema(description = "For a mean: value minus stated") Double difference,
            @Schema(description = "Lower bound of the difference's 95% interval (the stated value is exact)") Double differenceLower,
            @Schema(description = "Upper bound of the difference's 95% interval") Double differenceUpper,
            @Schema(description = "For a mean: better when the whole interval is above the stated value, worse when wholly below") VerdictView verdict,
            @Schema(description = "Figures of the report shown for context, not compared") List<ContextFigure> context) {
    }

    @Schema(name = "TrendPoint")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendPoint(@Schema(required = true) UUID assessmentId, @Schema(required = true) String title, int round, @Schema(required = true) Instant closedAt, @Schema(required = true) ProfileStatus status,
            long respondents, int anonymityThreshold,
            @Schema(description = "The scoring method's version of this round's profile") String scoringModel,
            Double score, Integer level,
            @Schema(description = "Score change since the previous available round: only when both rounds' overall scores rest on the same questions and the same scoring method") Double change,
            List<TrendDimension> dimensions) {
    }

    @Schema(name = "TrendDimension", description = "A dimension in one round; suppressed (no score) when the round's dimension score is")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendDimension(@Schema(required = true) String key, @Schema(required = true) FigureStatus status, Double score, Integer level,
            @Schema(description = "Score change since the previous available round: only when both rounds' scores are available and rest on the same questions") Double change) {
    }

    @Schema(name = "Trend")
    public record TrendView(@Schema(required = true) UUID teamId, @Schema(required = true) List<TrendPoint> rounds) {
    }
}
