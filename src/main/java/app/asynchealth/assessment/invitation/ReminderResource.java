package app.asynchealth.assessment.invitation;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.assessment.invitation.InvitationRepresentations.ReminderView;
import app.asynchealth.platform.security.Roles;

@Path("/api/v1/assessments/{assessmentId}/reminders")
@Tag(name = "Invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
public class ReminderResource {

    private final ReminderService reminders;

    ReminderResource(ReminderService reminders) {
        this.reminders = reminders;
    }

    @POST
    // No body: any Content-Type, or none.
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Remind the members who have not claimed their seat yet, now (at most once a day per round)",
            description = "Each member whose seat is still pending, and who has an e-mail address, gets a fresh claim code by e-mail; the code they had dies once the mail server took the new one. Members who claimed their seat get nothing: the service does not know whether they submitted, and does not ask. Mails the mail server does not take are sent again by the service every minute. A second reminder within 24 hours is refused with 409 and Retry-After.")
    @APIResponse(responseCode = "202", description = "The reminder, sent to the pending members whose mail the mail server took so far",
            content = @Content(schema = @Schema(implementation = ReminderView.class)))
    @APIResponse(responseCode = "409", description = "The assessment is not open, e-mail is not configured, or its members were reminded on request less than 24 hours ago (then Retry-After)",
            headers = @Header(name = "Retry-After", description = "Seconds until this round's members may be reminded again", schema = @Schema(type = SchemaType.INTEGER)))
    public Response remind(@PathParam("assessmentId") UUID assessmentId) {
        return Response.accepted(reminders.remindNow(assessmentId)).build();
    }
}
