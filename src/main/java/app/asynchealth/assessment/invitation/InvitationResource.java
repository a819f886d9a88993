package app.asynchealth.assessment.invitation;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationPage;
import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationRequest;
import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationView;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitations;
import app.asynchealth.assessment.invitation.InvitationRepresentations.ReissueRequest;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;

@Path("/api/v1/assessments/{assessmentId}/invitations")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
public class InvitationResource {

    private final InvitationService invitations;
    private final InvitationIssuer issuer;
    private final Pagination pagination;

    InvitationResource(InvitationService invitations, InvitationIssuer issuer, Pagination pagination) {
        this.invitations = invitations;
        this.issuer = issuer;
        this.pagination = pagination;
    }

    @POST
    @Operation(summary = "Invite members to answer: one seat and one-time claim code each",
            description = "By e-mail (the default where e-mail is configured) the service sends each member their code and you never see it; by code, the codes come back here, once, for you to pass on. Either way a code only lets its member claim a credential of their own: nothing you receive reads or changes answers.")
    @APIResponse(responseCode = "201", description = "The invitations issued", content = @Content(schema = @Schema(implementation = IssuedInvitations.class)))
    public Response issue(@PathParam("assessmentId") UUID assessmentId,
            @RequestBody(required = false) @Valid InvitationRequest body) {
        return Response.status(Response.Status.CREATED).entity(issuer.issue(assessmentId, body)).build();
    }

    @GET
    @Operation(summary = "List the invitations of an assessment (never their tokens, never who answered)")
    @APIResponse(responseCode = "200", description = "One page of invitations", content = @Content(schema = @Schema(implementation = InvitationPage.class)))
    public Response list(@PathParam("assessmentId") UUID assessmentId,
            @BeanParam PageParams page) {
        return pagination.respond(invitations.list(assessmentId,
                pagination.request(InvitationService.LIST + ":" + assessmentId, page)), page.uri);
    }

    @DELETE
    @Path("{invitationId}")
    @Operation(summary = "Revoke an invitation nobody has claimed: its code stops working at once",
            description = "A claimed invitation belongs to its respondent and is refused (409).")
    @APIResponse(responseCode = "200", description = "The revoked invitation", content = @Content(schema = @Schema(implementation = InvitationView.class)))
    public InvitationView revoke(@PathParam("assessmentId") UUID assessmentId, @PathParam("invitationId") UUID invitationId) {
        return invitations.revoke(assessmentId, invitationId);
    }

    @POST
    @Path("{invitationId}/reissue")
    // Any Content-Type, so that a POST with no body (and so none) is taken; a body there is is JSON, as declared.
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A new code for an invitation nobody has claimed (lost or revoked); the old code stops working",
            description = "A claimed invitation belongs to its respondent and is refused (409): a new code never reaches answers already given.")
    @APIResponse(responseCode = "201", description = "The new invitation", content = @Content(schema = @Schema(implementation = IssuedInvitations.class)))
    public Response reissue(@PathParam("assessmentId") UUID assessmentId, @PathParam("invitationId") UUID invitationId,
            @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReissueRequest.class))) @Valid ReissueRequest body) {
        return Response.status(Response.Status.CREATED)
                .entity(issuer.reissue(assessmentId, invitationId, body == null ? null : body.delivery())).build();
    }
}
