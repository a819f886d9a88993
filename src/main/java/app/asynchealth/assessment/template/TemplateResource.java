package app.asynchealth.assessment.template;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.assessment.template.TemplateRepresentations.NewTemplateVersion;
import app.asynchealth.assessment.template.TemplateRepresentations.TemplatePage;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;

@Path("/api/v1/templates")
@Tag(name = "Templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.MEMBER, Roles.HR_ANALYST, Roles.RESPONDENT })
public class TemplateResource {

    private final TemplateService templates;
    private final Pagination pagination;

    TemplateResource(TemplateService templates, Pagination pagination) {
        this.templates = templates;
        this.pagination = pagination;
    }

    @GET
    @Operation(summary = "List the templates you can use: the built-in ones and your tenant's own")
    @APIResponse(responseCode = "200", description = "One page of templates, by key and version", content = @Content(schema = @Schema(implementation = TemplatePage.class)))
    public Response list(@BeanParam PageParams page) {
        return pagination.respond(templates.list(pagination.request(TemplateService.LIST, page)), page.uri);
    }

    @GET
    @Path("{key}/versions/{version}")
    @Operation(summary = "Read one template version with its questions and the report figures they are compared with")
    @APIResponse(responseCode = "200", description = "The template version", content = @Content(schema = @Schema(implementation = TemplateDefinition.class)))
    public TemplateDefinition get(@PathParam("key") String key, @PathParam("version") int version) {
        return templates.get(key, version);
    }

    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(summary = "Derive your tenant's own template version from a built-in one (tenant admins)")
    @APIResponse(responseCode = "201", description = "The new version", content = @Content(schema = @Schema(implementation = TemplateDefinition.class)))
    public Response derive(@Valid @NotNull NewTemplateVersion body, @Context UriInfo uri) {
        TemplateDefinition created = templates.derive(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.key()).path("versions")
                .path(Integer.toString(created.version())).build()).entity(created).build();
    }
}
