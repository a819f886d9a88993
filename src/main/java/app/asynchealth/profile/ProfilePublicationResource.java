package app.asynchealth.profile;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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
import app.asynchealth.profile.ProfilePublications.Published;
import app.asynchealth.profile.PublicationRepresentations.ProfilePublicationView;

@Path("/api/v1/assessments/{id}/profile/publication")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfilePublicationResource {

    private final ProfilePublications publications;

    ProfilePublicationResource(ProfilePublications publications) {
        this.publications = publications;
    }

    @PUT
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Publish a closed round's profile to its team (the team's lead, or a tenant admin)",
            description = "The team's members can then read the profile, with the same suppression as everyone else."
                    + " Publishing again changes nothing (safe to repeat after a lost reply). Announced by the"
                    + " profile.published webhook event.")
    @APIResponse(responseCode = "201", description = "Published now", content = @Content(schema = @Schema(implementation = ProfilePublicationView.class)))
    @APIResponse(responseCode = "200", description = "It was published already", content = @Content(schema = @Schema(implementation = ProfilePublicationView.class)))
    @APIResponse(responseCode = "409", description = "The round is not closed")
    public Response publish(@PathParam("id") UUID id) {
        Published published = publications.publish(id);
        return Response.status(published.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(published.view()).build();
    }

    @DELETE
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Hide the round's profile from its team's members again (the team's lead, or a tenant admin)")
    @APIResponse(responseCode = "204", description = "Not published (also when it was not)")
    public void unpublish(@PathParam("id") UUID id) {
        publications.unpublish(id);
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST })
    @Operation(summary = "Whether, and since when, the round's profile is published to its team")
    @APIResponse(responseCode = "200", description = "Published", content = @Content(schema = @Schema(implementation = ProfilePublicationView.class)))
    @APIResponse(responseCode = "404", description = "Not published, or no such round")
    public ProfilePublicationView publication(@PathParam("id") UUID id) {
        return publications.publication(id);
    }
}
