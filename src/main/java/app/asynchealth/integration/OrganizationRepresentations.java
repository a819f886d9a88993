package app.asynchealth.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;

public final class OrganizationRepresentations {

    private OrganizationRepresentations() {
    }

    /** available: figures shown; suppressed: too few respondents behind it; pending: no closed round yet. */
    public enum RollupStatus {
        @JsonProperty("available")
        AVAILABLE,
        @JsonProperty("suppressed")
        SUPPRESSED,
        @JsonProperty("pending")
        PENDING
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationProfile", description = "Every team's latest closed round, rolled up. Only teams whose own profile is available count; suppressed teams are counted, never included, so that no figure can be differenced back to them.")
    public record OrganizationProfile(@Schema(required = true) String tenantId, @Schema(required = true) RollupStatus status,
            @Schema(description = "Why there are no figures, when there are none") String reason,
            int anonymityThreshold, @Schema(required = true) TeamCounts teams,
            @Schema(description = "Respondents behind the figures (included teams only)") long respondents,
            @Schema(description = "Respondent-weighted overall score of the included teams") Double score,
            Integer level, String levelName,
            @Schema(description = "How many included teams are at each overall level") List<LevelCount> levels,
            List<OrganizationDimension> dimensions,
            @Schema(description = "The round each team is represented by") List<TeamBasis> basis) {
    }

    @Schema(name = "OrganizationTeamCounts")
    public record TeamCounts(@Schema(description = "Teams of the tenant") long total,
            @Schema(description = "Teams with a closed round") long withResults,
            @Schema(description = "Teams whose latest round is available and counts") long included,
            @Schema(description = "Teams whose latest round is suppressed and is left out of every figure") long suppressed) {
    }

    @Schema(name = "LevelCount")
    public record LevelCount(int level, @Schema(required = true) String name, int teams) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationDimension")
    public record OrganizationDimension(@Schema(required = true) String key, @Schema(required = true) RollupStatus status,
            @Schema(description = "Included teams with an available score in this dimension") int teams, long respondents,
            @Schema(description = "Respondent-weighted mean of the teams' dimension scores") Double score,
            Integer level, String levelName,
            @Schema(description = "How many teams are at each level of this dimension") List<LevelCount> levels,
            List<OrganizationMetric> metrics) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationMetric", description = "The organisation's value beside the report's figure, pooled over the included teams whose own metric is available (a team metric suppressed for too few answers is left out); suppressed when fewer than the threshold answered")
    public record OrganizationMetric(@Schema(required = true) String key, @Schema(required = true) String label, @Schema(required = true) String kind, @Schema(required = true) RollupStatus status, Double value,
            @Schema(description = "Respondents who answered, over the teams pooled") int answered,
            @Schema(description = "Included teams whose own metric is available, and so pooled") int teams,
            @Schema(description = "The report's figure, when every pooled team is compared with the same one (teams of different segments are compared with different figures, and then the pooled value with none)") String benchmarkKey,
            Double benchmarkValue, String benchmarkUnit, String benchmarkPopulation,
            String benchmarkQuote, Double difference, String healthier) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrganizationTeamBasis")
    public record TeamBasis(@Schema(required = true) UUID teamId, @Schema(required = true) UUID assessmentId, int round, @Schema(required = true) Instant closedAt, @Schema(required = true) ProfileStatus status,
            @Schema(description = "Only for included teams") Long respondents) {
    }
}
