package app.asynchealth.action;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import app.asynchealth.action.ActionRepresentations.ActionChanges;
import app.asynchealth.action.ActionRepresentations.ActionPage;
import app.asynchealth.action.ActionRepresentations.ActionView;
import app.asynchealth.action.ActionRepresentations.NewAction;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;

@Path("/api/v1/teams/{teamId}/actions")
@Tag(name = "Team actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionResource {

    private final ActionService actions;
    private final Pagination pagination;

    ActionResource(ActionService actions, Pagination pagination) {
        this.actions = actions;
        this.pagination = pagination;
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Adopt an action, usually a recommendation of a closed round's profile (tenant admins, or the team's lead)",
            description = "The baseline must be a closed round of this team with an available profile; a recommendationKey must be one that profile lists (title and metric then default to it); the metric must be one of that round's scoring model; the owner a member of this team; the due date today (UTC) or later.")
    @APIResponse(responseCode = "201", description = "Adopted", content = @Content(schema = @Schema(implementation = ActionView.class)))
    public Response create(@PathParam("teamId") UUID teamId, @Valid @NotNull NewAction body, @Context UriInfo uri) {
        Versioned<ActionView> action = actions.create(teamId, body);
        return action.created(uri.getAbsolutePathBuilder().path(action.body().id().toString()).build());
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "List the team's actions, oldest first, each with its baseline and, once measured, its effect",
            description = "Figures (values, intervals, the change) are shown to those who may read the team's profiles: its leads, tenant admins and HR analysts.")
    @APIResponse(responseCode = "200", description = "One page of actions", content = @Content(schema = @Schema(implementation = ActionPage.class)))
    public Response list(@PathParam("teamId") UUID teamId, @BeanParam PageParams page) {
        return pagination.respond(actions.list(teamId, pagination.request(ActionService.LIST, page)), page.uri);
    }

    @GET
    @Path("{actionId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "Read an action, with its baseline and, once measured, its effect")
    @APIResponse(responseCode = "200", description = "The action; ETag carries its version", content = @Content(schema = @Schema(implementation = ActionView.class)))
    public Response get(@PathParam("teamId") UUID teamId, @PathParam("actionId") UUID actionId) {
        return actions.get(teamId, actionId).ok();
    }

    @PATCH
    @Path("{actionId}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Change an action's status, owner, due date, title or description (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "200", description = "The changed action", content = @Content(schema = @Schema(implementation = ActionView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response update(@PathParam("teamId") UUID teamId, @PathParam("actionId") UUID actionId,
            @Parameter(description = "The ETag you read; the change is refused with 412 if the action changed since")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ActionChanges body) {
        return actions.update(teamId, actionId, body, ifMatch).ok();
    }

    @DELETE
    @Path("{actionId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Delete an action (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public void delete(@PathParam("teamId") UUID teamId, @PathParam("actionId") UUID actionId,
            @Parameter(description = "The ETag you read; the deletion is refused with 412 if the action changed since")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        actions.delete(teamId, actionId, ifMatch);
    }
}
