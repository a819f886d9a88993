package app.asynchealth.integration;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import app.asynchealth.integration.IntegrationRepresentations.IssuedToken;
import app.asynchealth.integration.IntegrationRepresentations.NewToken;
import app.asynchealth.integration.IntegrationRepresentations.TokenPage;
import app.asynchealth.integration.IntegrationRepresentations.TokenView;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;

@Path("/api/v1/integrations/tokens")
@Tag(name = "HR integration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class IntegrationTokenResource {

    private final IntegrationTokenService tokens;
    private final Pagination pagination;

    IntegrationTokenResource(IntegrationTokenService tokens, Pagination pagination) {
        this.tokens = tokens;
        this.pagination = pagination;
    }

    @POST
    @Operation(summary = "Create an integration token for an HR system (tenant admins); the token is shown once")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    public Response create(@Valid @NotNull NewToken body, @Context UriInfo uri) {
        IssuedToken issued = tokens.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(issued.integration().id().toString()).build())
                .entity(issued).build();
    }

    @GET
    @Operation(summary = "List the tenant's integration tokens (never their values)")
    @APIResponse(responseCode = "200", description = "One page of tokens", content = @Content(schema = @Schema(implementation = TokenPage.class)))
    public Response list(@BeanParam PageParams page) {
        return pagination.respond(tokens.list(pagination.request(IntegrationTokenService.LIST, page)), page.uri);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an integration token: it stops working at once")
    @APIResponse(responseCode = "200", description = "The revoked token", content = @Content(schema = @Schema(implementation = TokenView.class)))
    public TokenView revoke(@PathParam("id") UUID id) {
        return tokens.revoke(id);
    }
}
