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
import app.asynchealth.profile.ProfilePictures.Picture;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;

@Path("/api/v1/assessments/{id}/profile")
@Tag(name = "Profiles")
@Produces({ MediaType.APPLICATION_JSON, ProfilePictures.SVG, MediaType.TEXT_HTML })
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST, Roles.MEMBER })
public class ProfileResource {

    private final ProfileService profiles;
    private final ProfilePictures pictures;

    ProfileResource(ProfileService profiles, ProfilePictures pictures) {
        this.profiles = profiles;
        this.pictures = pictures;
    }

    @GET
    @Operation(summary = "The team's maturity profile: scores, levels, metrics beside the report's figures, recommendations",
            description = "Available once the assessment is closed and has at least its anonymity threshold of submitted responses; otherwise status says why and no number but the counts is shown. "
                    + "The team's lead, tenant admins and HR analysts read it; the team's members once it is published to them (PUT .../profile/publication), 404 before. "
                    + "JSON by default; Accept: image/svg+xml draws the profile as a radar (scores, 95% intervals, level rings), Accept: text/html is a one-page printable report. "
                    + "Pictures show exactly what the JSON shows: a suppressed profile or figure is drawn as suppressed, never as a number.")
    @APIResponse(responseCode = "200", description = "The profile; ETag is of this representation (Vary: Accept)", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)),
            @Content(mediaType = ProfilePictures.SVG, schema = @Schema(type = SchemaType.STRING, description = "The profile as an SVG radar of the dimensions: each score with its 95% interval as a band, rings at the level boundaries; title, desc (every value as text) and data-dimension/data-score attributes on the points")),
            @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING, description = "A one-page printable report (A4): the radar, each dimension's level, interval and next level, the metrics beside the report's figures, the norm gap, the top recommendations, the measured actions and the trend, each chart with a data table")) })
    public Response profile(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        MediaType type = Representations.preferred(headers, MediaType.APPLICATION_JSON_TYPE, ProfilePictures.SVG_TYPE,
                MediaType.TEXT_HTML_TYPE);
        if (ProfilePictures.SVG_TYPE.equals(type)) {
            return picture(pictures.radar(profiles.report(id, false)), type);
        }
        if (MediaType.TEXT_HTML_TYPE.equals(type)) {
            return picture(pictures.report(profiles.report(id, true)), type);
        }
        return Representations.ok(profiles.profileJson(id), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response picture(Picture picture, MediaType type) {
        return Representations.ok(picture.body(), type)
                .header("Content-Security-Policy", picture.contentSecurityPolicy()).build();
    }
}
