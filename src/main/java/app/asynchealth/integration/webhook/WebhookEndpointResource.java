package app.asynchealth.integration.webhook;

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

import app.asynchealth.integration.webhook.WebhookRepresentations.DeliveryPage;
import app.asynchealth.integration.webhook.WebhookRepresentations.DeliveryView;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointChanges;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointPage;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointView;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointWithSecret;
import app.asynchealth.integration.webhook.WebhookRepresentations.NewEndpoint;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;

@Path("/api/v1/webhooks")
@Tag(name = "HR integration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.TENANT_ADMIN)
public class WebhookEndpointResource {

    private final WebhookEndpointService webhooks;
    private final Pagination pagination;

    WebhookEndpointResource(WebhookEndpointService webhooks, Pagination pagination) {
        this.webhooks = webhooks;
        this.pagination = pagination;
    }

    @POST
    @Operation(summary = "Register a webhook endpoint (tenant admins); its signing secret is shown once",
            description = "Deliveries are signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature). The URL must be https and must not resolve to a loopback, private, link-local or metadata address.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = EndpointWithSecret.class)))
    public Response create(@Valid @NotNull NewEndpoint body, @Context UriInfo uri) {
        EndpointWithSecret created = webhooks.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.endpoint().id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Operation(summary = "List the tenant's webhook endpoints (never their secrets)")
    @APIResponse(responseCode = "200", description = "One page of endpoints", content = @Content(schema = @Schema(implementation = EndpointPage.class)))
    public Response list(@BeanParam PageParams page) {
        return pagination.respond(webhooks.list(pagination.request(WebhookEndpointService.LIST, page)), page.uri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a webhook endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint; ETag carries its version", content = @Content(schema = @Schema(implementation = EndpointView.class)))
    public Response get(@PathParam("id") UUID id) {
        return webhooks.get(id).ok();
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change a webhook endpoint, or disable or enable it")
    @APIResponse(responseCode = "200", description = "The changed endpoint", content = @Content(schema = @Schema(implementation = EndpointView.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag you read; the change is refused with 412 if the endpoint changed since")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EndpointChanges body) {
        return webhooks.update(id, body, ifMatch).ok();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a webhook endpoint with its pending deliveries and log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        webhooks.delete(id, ifMatch);
    }

    @POST
    @Path("{id}/secret")
    @Operation(summary = "Replace the endpoint's signing secret; the new one is shown once and the old one stops at once")
    @APIResponse(responseCode = "200", description = "The endpoint and its new secret", content = @Content(schema = @Schema(implementation = EndpointWithSecret.class)))
    public EndpointWithSecret rotateSecret(@PathParam("id") UUID id) {
        return webhooks.rotateSecret(id);
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first, with every attempt")
    @APIResponse(responseCode = "200", description = "One page of deliveries", content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    public Response deliveries(@PathParam("id") UUID id, @BeanParam PageParams page) {
        return pagination.respond(webhooks.deliveries(id, pagination.request(WebhookEndpointService.DELIVERIES, page)),
                page.uri);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a finished delivery (failed or delivered) again, as the same message, with a fresh round of attempts")
    @APIResponse(responseCode = "202", description = "Queued; the log shows how it goes", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still on its way")
    public Response redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(webhooks.redeliver(id, deliveryId)).build();
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Send the endpoint a signed webhook.test message, to check that it receives and verifies deliveries")
    @APIResponse(responseCode = "202", description = "Queued; the delivery log shows how it goes", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", description = "The endpoint is disabled")
    public Response sendTest(@PathParam("id") UUID id) {
        return Response.accepted(webhooks.sendTest(id)).build();
    }
}
