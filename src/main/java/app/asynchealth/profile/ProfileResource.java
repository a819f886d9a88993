package app.asynchealth.profile;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;

@Path("/api/v1/assessments/{id}/profile")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST, Roles.MEMBER })
public class ProfileResource {

    private final ProfileService profiles;

    ProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @Operation(summary = "The team's maturity profile: scores, levels, metrics beside the report's figures, recommendations",
            description = "Available once the assessment is closed and has at least its anonymity threshold of submitted responses; otherwise status says why and no number but the counts is shown. The team's lead, tenant admins and HR analysts read it; the team's members once it is published to them (PUT .../profile/publication), 404 before.")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(schema = @Schema(implementation = ProfileView.class)))
    public Response profile(@PathParam("id") UUID id) {
        return Response.ok(profiles.profileJson(id), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
