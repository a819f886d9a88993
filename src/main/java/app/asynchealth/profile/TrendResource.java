package app.asynchealth.profile;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.Representations;
import app.asynchealth.profile.ProfileRepresentations.TrendView;

@Path("/api/v1/teams/{id}/trend")
@Tag(name = "Profiles")
@Produces({ MediaType.APPLICATION_JSON, ProfilePictures.SVG })
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST })
public class TrendResource {

    private final ProfileService profiles;
    private final ProfilePictures pictures;
    private final ProfileViews views;

    TrendResource(ProfileService profiles, ProfilePictures pictures, ProfileViews views) {
        this.profiles = profiles;
        this.pictures = pictures;
        this.views = views;
    }

    @GET
    @Operation(summary = "Scores and levels per closed round of a team, with the change since the previous available round",
            description = "JSON by default; Accept: image/svg+xml draws it as a line chart (the overall score and each dimension per round, level bands behind). A round or dimension without a published score is drawn as suppressed, never as a number.")
    @APIResponse(responseCode = "200", description = "The trend; ETag is of this representation (Vary: Accept)", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrendView.class)),
            @Content(mediaType = ProfilePictures.SVG, schema = @Schema(type = SchemaType.STRING, description = "The trend as an SVG line chart: title, desc (every value as text) and data-series/data-round/data-score attributes on the points")) })
    public Response trend(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        MediaType type = Representations.preferred(headers, MediaType.APPLICATION_JSON_TYPE, ProfilePictures.SVG_TYPE);
        if (ProfilePictures.SVG_TYPE.equals(type)) {
            return ProfileResource.picture(pictures.trend(profiles.teamTrend(id)), type);
        }
        return Representations.ok(views.json(profiles.trend(id)), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
