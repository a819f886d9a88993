package app.asynchealth.profile;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.PublicationRepresentations.ProfilePublicationList;

@Path("/api/v1/me/profiles")
@Tag(name = "Profiles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.MEMBER, Roles.TEAM_LEAD, Roles.TENANT_ADMIN })
public class MyProfilesResource {

    private final ProfilePublications publications;

    MyProfilesResource(ProfilePublications publications) {
        this.publications = publications;
    }

    @GET
    @Operation(summary = "The profiles published to the teams you are a member of, newest first (at most 100)")
    @APIResponse(responseCode = "200", description = "The published profiles", content = @Content(schema = @Schema(implementation = ProfilePublicationList.class)))
    public ProfilePublicationList mine() {
        return new ProfilePublicationList(publications.mine());
    }
}
