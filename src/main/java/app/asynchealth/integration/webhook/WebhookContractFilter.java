package app.asynchealth.integration.webhook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The webhooks' part of the contract, where the Java types are plain strings: the events an endpoint subscribes to
 * and a delivery carries, and the statuses of endpoints and deliveries. Kept beside the webhooks, so that the
 * contract's own filter ({@code platform/web/OpenApiContractFilter}) knows no feature; {@code ApiContractFilter}
 * applies it after that one.
 */
public class WebhookContractFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        List<Object> events = new ArrayList<>(WebhookEventType.subscribableNames());
        for (String name : List.of("NewWebhookEndpoint", "WebhookEndpointChanges", "WebhookEndpoint",
                "WebhookEndpointWithSecret")) {
            property(schemas, name, "events").ifPresent(schema -> {
                if (schema.getItems() != null) {
                    schema.getItems().setEnumeration(new ArrayList<>(events));
                }
            });
        }
        property(schemas, "WebhookDelivery", "eventType").ifPresent(schema -> schema.setEnumeration(
                Arrays.stream(WebhookEventType.values()).map(type -> (Object) type.wireName()).toList()));
        property(schemas, "WebhookDelivery", "status").ifPresent(schema -> schema.setEnumeration(
                List.<Object>of("pending", "delivered", "failed")));
        for (String name : List.of("WebhookEndpoint", "WebhookEndpointWithSecret")) {
            property(schemas, name, "status").ifPresent(schema -> schema.setEnumeration(List.<Object>of("active", "disabled")));
        }
    }

    private static Optional<Schema> property(Map<String, Schema> schemas, String schema, String property) {
        Schema owner = schemas.get(schema);
        return Optional.ofNullable(owner == null || owner.getProperties() == null ? null
                : owner.getProperties().get(property));
    }
}
