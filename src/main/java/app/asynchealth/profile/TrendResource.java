package app.asynchealth.profile;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileRepresentations.TrendView;

@Path("/api/v1/teams/{id}/trend")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST })
public class TrendResource {

    private final ProfileService profiles;

    TrendResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @Operation(summary = "Scores and levels per closed round of a team, with the change since the previous available round")
    @APIResponse(responseCode = "200", description = "The trend", content = @Content(schema = @Schema(implementation = TrendView.class)))
    public TrendView trend(@PathParam("id") UUID id) {
        return profiles.trend(id);
    }
}
