package app.asynchealth.response;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.response.ResponseRepresentations.ResponseUpdate;
import app.asynchealth.response.ResponseRepresentations.ResponseView;

/** The caller's own response to an assessment, with an invitation token or the member's own token. */
@Path("/api/v1/assessments/{assessmentId}/response")
@Tag(name = "Answering")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.RESPONDENT, Roles.MEMBER, Roles.TEAM_LEAD, Roles.TENANT_ADMIN, Roles.HR_ANALYST })
public class ResponseResource {

    private final ResponseService responses;

    ResponseResource(ResponseService responses) {
        this.responses = responses;
    }

    @PUT
    @Operation(summary = "Save your answers as a draft, or submit them",
            description = "Replaces all your earlier answers. Repeating a PUT gives the same state. Send the ETag in If-Match to be refused (412) instead of overwriting a change made meanwhile.")
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = ResponseView.class)))
    @APIResponse(responseCode = "201", description = "Your first answers, saved", content = @Content(schema = @Schema(implementation = ResponseView.class)))
    @APIResponse(responseCode = "409", description = "The assessment is not open")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response save(@PathParam("assessmentId") UUID assessmentId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ResponseUpdate body) {
        ResponseService.Saved saved = responses.save(assessmentId, body, ifMatch);
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(saved.response().body()).tag(EntityTags.of(saved.response().etag())).build();
    }

    @GET
    @Operation(summary = "Read your own answers")
    @APIResponse(responseCode = "200", description = "Your response", content = @Content(schema = @Schema(implementation = ResponseView.class)))
    public Response get(@PathParam("assessmentId") UUID assessmentId) {
        return responses.get(assessmentId).ok();
    }

    @DELETE
    @Operation(summary = "Withdraw your response while the assessment is open")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    public void withdraw(@PathParam("assessmentId") UUID assessmentId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        responses.withdraw(assessmentId, ifMatch);
    }
}
