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
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitation;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitations;
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
    private final Pagination pagination;

    InvitationResource(InvitationService invitations, Pagination pagination) {
        this.invitations = invitations;
        this.pagination = pagination;
    }

    @POST
    @Operation(summary = "Invite members to answer: one respondent token each, shown only in this response")
    @APIResponse(responseCode = "201", description = "The tokens issued", content = @Content(schema = @Schema(implementation = IssuedInvitations.class)))
    public Response issue(@PathParam("assessmentId") UUID assessmentId,
            @RequestBody(required = false) @Valid InvitationRequest body) {
        return Response.status(Response.Status.CREATED)
                .entity(invitations.issue(assessmentId, body == null ? null : body.memberIds())).build();
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
    @Operation(summary = "Revoke an invitation: its token stops working at once")
    @APIResponse(responseCode = "200", description = "The revoked invitation", content = @Content(schema = @Schema(implementation = InvitationView.class)))
    public InvitationView revoke(@PathParam("assessmentId") UUID assessmentId, @PathParam("invitationId") UUID invitationId) {
        return invitations.revoke(assessmentId, invitationId);
    }

    @POST
    @Path("{invitationId}/reissue")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace an invitation's token (the old one stops working; earlier answers are kept)")
    @APIResponse(responseCode = "201", description = "The new invitation and its token", content = @Content(schema = @Schema(implementation = IssuedInvitation.class)))
    public Response reissue(@PathParam("assessmentId") UUID assessmentId, @PathParam("invitationId") UUID invitationId) {
        return Response.status(Response.Status.CREATED).entity(invitations.reissue(assessmentId, invitationId)).build();
    }
}
