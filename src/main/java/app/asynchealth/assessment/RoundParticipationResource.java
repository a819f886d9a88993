package app.asynchealth.assessment;

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

import app.asynchealth.assessment.ParticipationRepresentations.RoundParticipation;
import app.asynchealth.platform.security.Roles;

@Path("/api/v1/assessments/{id}/participation")
@Tag(name = "Assessments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST })
public class RoundParticipationResource {

    private final ParticipationService participation;

    RoundParticipationResource(ParticipationService participation) {
        this.participation = participation;
    }

    @GET
    @Operation(summary = "A round's participation: seats invited, claimed and pending, submissions, and the rate (counts only)")
    @APIResponse(responseCode = "200", description = "The counts", content = @Content(schema = @Schema(implementation = RoundParticipation.class)))
    public RoundParticipation round(@PathParam("id") UUID id) {
        return participation.round(id);
    }
}
