package app.asynchealth.schedule;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.schedule.ScheduleRepresentations.ScheduleRequest;
import app.asynchealth.schedule.ScheduleRepresentations.ScheduleView;

@Path("/api/v1/teams/{teamId}/schedule")
@Tag(name = "Schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
public class ScheduleResource {

    private final ScheduleService schedules;

    ScheduleResource(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GET
    @Operation(summary = "Read the team's schedule of rounds (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "200", description = "The schedule; ETag carries its version", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = "No such team visible to you, or the team has no schedule")
    public Response get(@PathParam("teamId") UUID teamId) {
        return schedules.get(teamId).ok();
    }

    @PUT
    @Operation(summary = "Set or replace the team's schedule of rounds; pause it with paused: true",
            description = "The service then creates each round itself (chained to the schedule's previous round), opens it, invites every member by e-mail, reminds those who have not claimed their seat at the reminder offsets, and closes it at closesAt. A change applies to rounds not created yet.")
    @APIResponse(responseCode = "201", description = "The team's first schedule", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "200", description = "The replaced schedule", content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response put(@PathParam("teamId") UUID teamId,
            @Parameter(description = "The ETag you read; when sent, a schedule changed since is not overwritten")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ScheduleRequest body, @Context UriInfo uri) {
        ScheduleService.Written written = schedules.put(teamId, body, ifMatch);
        Versioned<ScheduleView> schedule = written.schedule();
        return written.created() ? schedule.created(uri.getAbsolutePath()) : schedule.ok();
    }

    @DELETE
    @Operation(summary = "Remove the team's schedule: no more rounds are created (those created stay as they are)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public void delete(@PathParam("teamId") UUID teamId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        schedules.delete(teamId, ifMatch);
    }
}
