package app.asynchealth.tenant;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import app.asynchealth.tenant.TenantRepresentations.NewTenant;
import app.asynchealth.tenant.TenantRepresentations.TenantChanges;
import app.asynchealth.tenant.TenantRepresentations.TenantView;

@Path("/api/v1/tenants")
@Tag(name = "Tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantService tenants;
    private final Pagination pagination;

    TenantResource(TenantService tenants, Pagination pagination) {
        this.tenants = tenants;
        this.pagination = pagination;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Create a tenant (platform administrators)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TenantView.class)))
    public Response create(@Valid @NotNull NewTenant body, @Context UriInfo uri) {
        Versioned<TenantView> tenant = tenants.create(body);
        return tenant.created(uri.getAbsolutePathBuilder().path(tenant.body().id()).build());
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "List tenants (platform administrators)")
    @APIResponse(responseCode = "200", description = "One page of tenants, ordered by id", content = @Content(schema = @Schema(implementation = TenantPage.class)))
    public Response list(@BeanParam PageParams page) {
        return pagination.respond(tenants.list(pagination.request(TenantService.LIST, page)), page.uri);
    }

    @GET
    @Path("{tenantId}")
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.MEMBER, Roles.HR_ANALYST })
    @Operation(summary = "Read a tenant's settings (your own tenant, or any for platform administrators)")
    @APIResponse(responseCode = "200", description = "The tenant; ETag carries its version", content = @Content(schema = @Schema(implementation = TenantView.class)))
    public Response get(@PathParam("tenantId") String tenantId) {
        return tenants.get(tenantId).ok();
    }

    @PATCH
    @Path("{tenantId}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN })
    @Operation(summary = "Change a tenant's settings")
    @APIResponse(responseCode = "200", description = "The changed tenant", content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response update(@PathParam("tenantId") String tenantId,
            @Parameter(description = "The ETag you read; the change is refused with 412 if the tenant changed since")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TenantChanges body) {
        return tenants.update(tenantId, body, ifMatch).ok();
    }

    @Schema(name = "TenantPage")
    record TenantPage(@Schema(required = true) List<TenantView> items, String nextCursor) {
    }
}
