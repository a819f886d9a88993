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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.TeamRepresentations.MemberChanges;
import app.asynchealth.team.TeamRepresentations.MemberPage;
import app.asynchealth.team.TeamRepresentations.MemberView;
import app.asynchealth.team.TeamRepresentations.NewMember;

@Path("/api/v1/teams/{teamId}/members")
@Tag(name = "Team members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
public class TeamMemberResource {

    private final TeamMemberService members;
    private final Pagination pagination;

    TeamMemberResource(TeamMemberService members, Pagination pagination) {
        this.members = members;
        this.pagination = pagination;
    }

    @POST
    @Operation(summary = "Add a member to a team (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = MemberView.class)))
    public Response add(@PathParam("teamId") UUID teamId, @Valid @NotNull NewMember body, @Context UriInfo uri) {
        Versioned<MemberView> member = members.add(teamId, body);
        return member.created(uri.getAbsolutePathBuilder().path(member.body().id().toString()).build());
    }

    @GET
    @Operation(summary = "List a team's members (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "200", description = "One page of members, oldest first", content = @Content(schema = @Schema(implementation = MemberPage.class)))
    public Response list(@PathParam("teamId") UUID teamId,
            @BeanParam PageParams page) {
        return pagination.respond(members.list(teamId,
                pagination.request(TeamMemberService.LIST + ":" + teamId, page)), page.uri);
    }

    @GET
    @Path("{memberId}")
    @Operation(summary = "Read a team member")
    @APIResponse(responseCode = "200", description = "The member; ETag carries its version", content = @Content(schema = @Schema(implementation = MemberView.class)))
    public Response get(@PathParam("teamId") UUID teamId, @PathParam("memberId") UUID memberId) {
        return members.get(teamId, memberId).ok();
    }

    @PATCH
    @Path("{memberId}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change a team member")
    @APIResponse(responseCode = "200", description = "The changed member", content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response update(@PathParam("teamId") UUID teamId, @PathParam("memberId") UUID memberId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull MemberChanges body) {
        return members.update(teamId, memberId, body, ifMatch).ok();
    }

    @DELETE
    @Path("{memberId}")
    @Operation(summary = "Remove a member from a team")
    @APIResponse(responseCode = "204", description = "Removed")
    public void remove(@PathParam("teamId") UUID teamId, @PathParam("memberId") UUID memberId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        members.remove(teamId, memberId, ifMatch);
    }
}
