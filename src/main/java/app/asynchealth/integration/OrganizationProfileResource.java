package app.asynchealth.integration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.integration.OrganizationRepresentations.OrganizationProfile;
import app.asynchealth.platform.ratelimit.HrRateLimited;
import app.asynchealth.platform.security.Roles;

@Path("/api/v1/organization/profile")
@Tag(name = "HR integration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.HR_ANALYST, Roles.TENANT_ADMIN })
@HrRateLimited
public class OrganizationProfileResource {

    private final OrganizationRollup rollup;

    OrganizationProfileResource(OrganizationRollup rollup) {
        this.rollup = rollup;
    }

    @GET
    @Operation(summary = "The organisation's profile: every team's latest closed round, rolled up",
            description = "Levels across teams and their distribution, respondent-weighted scores per dimension and metrics beside the report's figures. Teams below the anonymity threshold are counted but left out of every figure, so that no figure can be differenced back to them.")
    @APIResponse(responseCode = "200", description = "The rollup", content = @Content(schema = @Schema(implementation = OrganizationProfile.class)))
    @APIResponse(responseCode = "429", description = "This token used up its requests on the HR routes for now (see RateLimit-* headers); retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)))
    public OrganizationProfile profile() {
        return rollup.profile();
    }
}
