package app.asynchealth.scoring;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;

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
    public record ProfileView(UUID assessmentId, UUID teamId, ProfileStatus status,
            @Schema(description = "Why there are no scores, when there are none") String reason,
            @Schema(description = "Submitted responses") long respondents,
            int anonymityThreshold,
            Comparison comparison,
            Double score, Integer level, String levelName,
            List<DimensionView> dimensions,
            List<Recommendation> recommendations,
            @Schema(description = "For live profiles, and final profiles that are a live snapshot: when the responses were counted") Instant snapshotTakenAt) {

        ProfileView asSnapshot(ProfileStatus status, String reason, Instant takenAt) {
            return new ProfileView(assessmentId, teamId, status, reason, respondents, anonymityThreshold, comparison, score,
                    level, levelName, dimensions, recommendations, takenAt);
        }
    }

    /**
     * Whether one figure of a profile (a dimension score, a question, a metric) is shown: available, or suppressed because
     * fewer than the anonymity threshold answered the questions it uses; a suppressed figure shows its count only.
     */
    @Schema(name = "FigureStatus", description = "available: shown; suppressed: fewer answers than the anonymity threshold, only the count is shown")
    public enum FigureStatus {
        @JsonProperty("available")
        AVAILABLE,
        @JsonProperty("suppressed")
        SUPPRESSED;

        public static FigureStatus of(boolean published) {
            return published ? AVAILABLE : SUPPRESSED;
        }
    }

    @Schema(name = "ProfileComparison", description = "The report segment the figures were chosen for")
    public record Comparison(String companySize, String workingStyle, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DimensionProfile", description = "A dimension's score and level, from its available questions only; suppressed (no score, level or next level) when none of its questions was answered by at least the anonymity threshold")
    public record DimensionView(String key, FigureStatus status, Double score, Integer level, String levelName,
            @Schema(description = "What the next level looks like") String nextLevel,
            @Schema(description = "The dimension's scored questions: how many answered each, and whether it enters the score") List<QuestionView> questions,
            List<MetricView> metrics) {

        public boolean published() {
            return status != FigureStatus.SUPPRESSED && score != null;
        }
    }

    @Schema(name = "ProfileQuestion", description = "A scored question of a dimension: it enters the dimension score only when available (answered by at least the anonymity threshold)")
    public record QuestionView(String key, FigureStatus status,
            @Schema(description = "Respondents who answered it") long answered) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Metric", description = "A team value beside the report's figure, with the 95% interval of the team value. Suppressed when fewer than the anonymity threshold answered its question: then it has its count and the report's figure, and no value, interval, difference or comparison.")
    public record MetricView(String key, String label, String kind, FigureStatus status, Double value, Double lower,
            Double upper, @Schema(description = "Respondents who answered its question") int answered,
            String benchmarkKey, double benchmarkValue, String benchmarkUnit, String benchmarkPopulation,
            String benchmarkQuote, Double difference,
            @Schema(description = "The figure lies inside the team's interval: the difference may be chance") Boolean withinInterval,
            @Schema(description = "higher or lower: which way is healthier") String healthier) {

        public boolean published() {
            return status != FigureStatus.SUPPRESSED && value != null;
        }
    }

    @Schema(name = "TrendPoint")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendPoint(UUID assessmentId, String title, int round, Instant closedAt, ProfileStatus status,
            long respondents, int anonymityThreshold, Double score, Integer level,
            @Schema(description = "Score change since the previous available round: only when both rounds' overall scores rest on the same questions") Double change,
            List<TrendDimension> dimensions) {
    }

    @Schema(name = "TrendDimension", description = "A dimension in one round; suppressed (no score) when the round's dimension score is")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendDimension(String key, FigureStatus status, Double score, Integer level,
            @Schema(description = "Score change since the previous available round: only when both rounds' scores are available and rest on the same questions") Double change) {
    }

    @Schema(name = "Trend")
    public record TrendView(UUID teamId, List<TrendPoint> rounds) {
    }
}
