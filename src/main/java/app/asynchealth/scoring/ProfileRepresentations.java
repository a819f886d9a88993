package app.asynchealth.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.scoring.core.TeamProfile;

public final class ProfileRepresentations {

    private ProfileRepresentations() {
    }

    /**
     * available: the final profile; live: a snapshot of an open assessment (tenants with live profiles); suppressed:
     * too few respondents; pending: not closed yet.
     */
    public enum ProfileStatus {
        @com.fasterxml.jackson.annotation.JsonProperty("available")
        AVAILABLE,
        @com.fasterxml.jackson.annotation.JsonProperty("live")
        LIVE,
        @com.fasterxml.jackson.annotation.JsonProperty("suppressed")
        SUPPRESSED,
        @com.fasterxml.jackson.annotation.JsonProperty("pending")
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

    @Schema(name = "ProfileComparison", description = "The report segment the figures were chosen for")
    public record Comparison(String companySize, String workingStyle, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DimensionProfile")
    public record DimensionView(String key, Double score, Integer level, String levelName,
            @Schema(description = "What the next level looks like") String nextLevel, List<MetricView> metrics) {
    }

    @Schema(name = "Metric", description = "A team value beside the report's figure, with the 95% interval of the team value")
    public record MetricView(String key, String label, String kind, double value, Double lower, Double upper,
            int answered, String benchmarkKey, double benchmarkValue, String benchmarkUnit, String benchmarkPopulation,
            String benchmarkQuote, double difference,
            @Schema(description = "The figure lies inside the team's interval: the difference may be chance") boolean withinInterval,
            @Schema(description = "higher or lower: which way is healthier") String healthier) {
    }

    @Schema(name = "TrendPoint")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendPoint(UUID assessmentId, String title, int round, Instant closedAt, ProfileStatus status,
            long respondents, int anonymityThreshold, Double score, Integer level,
            @Schema(description = "Score change since the previous available round") Double change,
            List<TrendDimension> dimensions) {
    }

    @Schema(name = "TrendDimension")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrendDimension(String key, Double score, Integer level, Double change) {
    }

    @Schema(name = "Trend")
    public record TrendView(UUID teamId, List<TrendPoint> rounds) {
    }

    static List<DimensionView> dimensions(TeamProfile profile) {
        return profile.dimensions().stream().map(d -> new DimensionView(d.key(), round(d.score()), d.level(),
                d.levelName(), d.nextLevel(), d.metrics().stream().map(m -> new MetricView(m.key(), m.label(), m.kind(),
                        round(m.value()), round(m.lower()), round(m.upper()), m.answered(), m.benchmark().key(),
                        m.benchmark().value(), m.benchmark().unit(), m.benchmark().population(), m.benchmark().quote(),
                        round(m.difference()), m.withinInterval(), m.healthier())).toList()))
                .toList();
    }

    static Double round(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
