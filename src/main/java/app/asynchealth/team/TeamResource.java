package app.asynchealth.team;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.TeamRepresentations.NewTeam;
import app.asynchealth.team.TeamRepresentations.TeamChanges;
import app.asynchealth.team.TeamRepresentations.TeamPage;
import app.asynchealth.team.TeamRepresentations.TeamView;

@Path("/api/v1/teams")
@Tag(name = "Teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    private final TeamService teams;
    private final Pagination pagination;

    TeamResource(TeamService teams, Pagination pagination) {
        this.teams = teams;
        this.pagination = pagination;
    }

    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Create a team (tenant admins)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TeamView.class)))
    public Response create(@Valid @NotNull NewTeam body, @Context UriInfo uri) {
        Versioned<TeamView> team = teams.create(body);
        return team.created(uri.getAbsolutePathBuilder().path(team.body().id().toString()).build());
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "List teams: all of the tenant's for tenant admins and HR analysts, your own teams for anybody else")
    @APIResponse(responseCode = "200", description = "One page of teams, oldest first", content = @Content(schema = @Schema(implementation = TeamPage.class)))
    public Response list(@BeanParam PageParams page) {
        return pagination.respond(teams.list(pagination.request(TeamService.LIST, page)), page.uri);
    }

    @GET
    @Path("{teamId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "Read a team")
    @APIResponse(responseCode = "200", description = "The team; ETag carries its version", content = @Content(schema = @Schema(implementation = TeamView.class)))
    public Response get(@PathParam("teamId") UUID teamId) {
        return teams.get(teamId).ok();
    }

    @PATCH
    @Path("{teamId}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Change a team (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "200", description = "The changed team", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response update(@PathParam("teamId") UUID teamId,
            @Parameter(description = "The ETag you read; the change is refused with 412 if the team changed since")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TeamChanges body) {
        return teams.update(teamId, body, ifMatch).ok();
    }

    @DELETE
    @Path("{teamId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Delete a team and its memberships (tenant admins)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The team has assessments (problem type"
            + " urn:async-health:problem:team-has-assessments): delete its draft assessments first; a team whose"
            + " assessments were opened keeps its history and is not deleted")
    public void delete(@PathParam("teamId") UUID teamId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        teams.delete(teamId, ifMatch);
    }
}
