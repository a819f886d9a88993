package app.asynchealth.assessment;

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
import jakarta.ws.rs.QueryParam;
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

import app.asynchealth.assessment.AssessmentRepresentations.AssessmentChanges;
import app.asynchealth.assessment.AssessmentRepresentations.AssessmentPage;
import app.asynchealth.assessment.AssessmentRepresentations.AssessmentView;
import app.asynchealth.assessment.AssessmentRepresentations.NewAssessment;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;

@Path("/api/v1/assessments")
@Tag(name = "Assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    private final AssessmentService assessments;
    private final Pagination pagination;

    AssessmentResource(AssessmentService assessments, Pagination pagination) {
        this.assessments = assessments;
        this.pagination = pagination;
    }

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Create a draft assessment for a team (tenant admins, or the team's lead)")
    @APIResponse(responseCode = "201", description = "Created as a draft", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    public Response create(@Valid @NotNull NewAssessment body, @Context UriInfo uri) {
        Versioned<AssessmentView> created = assessments.create(body);
        return created.created(uri.getAbsolutePathBuilder().path(created.body().id().toString()).build());
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "List assessments: all of the tenant's for tenant admins and HR analysts, your teams' for anybody else")
    @APIResponse(responseCode = "200", description = "One page of assessments, oldest first", content = @Content(schema = @Schema(implementation = AssessmentPage.class)))
    public Response list(@Parameter(description = "Only this team's") @QueryParam("teamId") String teamId,
            @Parameter(description = "Only those in this status: draft, open or closed") @QueryParam("status") String status,
            @BeanParam PageParams page) {
        var request = pagination.request(AssessmentService.LIST, page);
        return pagination.respond(assessments.list(request, parseTeam(teamId), parseStatus(status)), page.uri);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "Read an assessment: status, schedule, invited and submitted counts")
    @APIResponse(responseCode = "200", description = "The assessment; ETag carries its version", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    public Response get(@PathParam("id") UUID id) {
        return assessments.get(id).ok();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Change an assessment: its title at any time; its schedule and threshold while a draft")
    @APIResponse(responseCode = "200", description = "The changed assessment", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull AssessmentChanges body) {
        return assessments.update(id, body, ifMatch).ok();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Delete a draft assessment")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        assessments.delete(id, ifMatch);
    }

    @POST
    @Path("{id}/open")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Open a draft now (it also opens by itself at opensAt)")
    @APIResponse(responseCode = "200", description = "The open assessment", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    public Response open(@PathParam("id") UUID id) {
        return assessments.open(id).ok();
    }

    @POST
    @Path("{id}/close")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD })
    @Operation(summary = "Close an open assessment now (it also closes by itself at closesAt)")
    @APIResponse(responseCode = "200", description = "The closed assessment", content = @Content(schema = @Schema(implementation = AssessmentView.class)))
    public Response close(@PathParam("id") UUID id) {
        return assessments.close(id).ok();
    }

    private static UUID parseTeam(String teamId) {
        if (teamId == null) {
            return null;
        }
        try {
            return UUID.fromString(teamId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("teamId", "must be a team id");
        }
    }

    private static AssessmentStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        for (AssessmentStatus candidate : AssessmentStatus.values()) {
            if (candidate.name().equalsIgnoreCase(status)) {
                return candidate;
            }
        }
        throw ProblemException.invalid("status", "must be one of \"draft\", \"open\", \"closed\"");
    }
}
