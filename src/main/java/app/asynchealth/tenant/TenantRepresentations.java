package app.asynchealth.tenant;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the tenant API reads and writes; entities never cross the REST boundary. */
public final class TenantRepresentations {

    private TenantRepresentations() {
    }

    @Schema(name = "Tenant")
    public record TenantView(
            @Schema(description = "The tenant id: a lowercase slug, also the Keycloak organization alias", required = true) String id,
            @Schema(required = true) String name,
            @Schema(description = "No aggregate is shown from fewer submitted responses than this") int anonymityThreshold,
            CompanySize companySize,
            WorkingStyle workingStyle,
            @Schema(description = "Show profiles of open assessments once the threshold is met; off by default") boolean liveProfiles,
            @Schema(description = "Disabled by a platform administrator: no token of the tenant is accepted") boolean disabled,
            Instant disabledAt,
            Instant createdAt,
            Instant updatedAt) {

        static TenantView of(Tenant tenant) {
            return new TenantView(tenant.id, tenant.name, tenant.anonymityThreshold, tenant.companySize,
                    tenant.workingStyle, tenant.liveProfiles, tenant.disabledAt != null, tenant.disabledAt,
                    tenant.createdAt, tenant.updatedAt);
        }
    }

    @Schema(name = "NewTenant")
    public record NewTenant(
            @Schema(description = "The tenant id, chosen once: 3-63 lowercase letters, digits and inner hyphens; use the Keycloak organization alias", examples = "acme")
            @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", message = "must be 3-63 lowercase letters, digits or inner hyphens") String id,
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "Defaults to 5", minimum = "3", maximum = "10") @Min(3) @Max(10) Integer anonymityThreshold,
            CompanySize companySize,
            WorkingStyle workingStyle) {
    }

    @Schema(name = "TenantChanges", description = "The settings to change; absent properties stay as they are")
    public record TenantChanges(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Schema(minimum = "3", maximum = "10") @Min(3) @Max(10) Integer anonymityThreshold,
            CompanySize companySize,
            WorkingStyle workingStyle,
            @Schema(description = "Show profiles of open assessments once the threshold is met, as snapshots renewed after each further threshold of submissions") Boolean liveProfiles,
            @Schema(description = "Platform administrators only: true refuses every token of the tenant (within seconds on every replica), false accepts them again") Boolean disabled) {
    }
}
