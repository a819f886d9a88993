package app.asynchealth.assessment;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.assessment.ParticipationRepresentations.TeamParticipation;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Roles;

@Path("/api/v1/teams/{id}/participation")
@Tag(name = "Assessments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.HR_ANALYST })
public class TeamParticipationResource {

    static final int DEFAULT_ROUNDS = 12;

    private final ParticipationService participation;

    TeamParticipationResource(ParticipationService participation) {
        this.participation = participation;
    }

    @GET
    @Operation(summary = "Participation across a team's rounds: each opened round's counts, newest first, and their sums")
    @APIResponse(responseCode = "200", description = "The rounds and their sums", content = @Content(schema = @Schema(implementation = TeamParticipation.class)))
    public TeamParticipation team(@PathParam("id") UUID id,
            @Parameter(description = "How many of the latest rounds, 1-100 (default 12)") @QueryParam("rounds") String rounds) {
        return participation.team(id, parseRounds(rounds));
    }

    private static int parseRounds(String rounds) {
        if (rounds == null) {
            return DEFAULT_ROUNDS;
        }
        try {
            int value = Integer.parseInt(rounds.strip());
            if (value >= 1 && value <= ParticipationService.MAX_ROUNDS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, as out of range
        }
        throw ProblemException.invalid("rounds", "must be a whole number from 1 to " + ParticipationService.MAX_ROUNDS);
    }
}
