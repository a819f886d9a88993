package app.asynchealth.integration.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public final class WebhookRepresentations {

    private WebhookRepresentations() {
    }

    static final String EVENTS_DESCRIPTION = "Events to receive: assessment.closed, profile.available, assessment.quorum_reached";

    @Schema(name = "NewWebhookEndpoint")
    public record NewEndpoint(
            @Schema(description = "An https URL on the public internet") @NotBlank @Size(max = 2000) String url,
            @Schema(description = EVENTS_DESCRIPTION) @NotEmpty @Size(max = 10) List<@NotBlank String> events,
            @Size(max = 500) String description) {
    }

    @Schema(name = "WebhookEndpointChanges", description = "The properties to change; enabling a disabled endpoint resumes its pending deliveries")
    public record EndpointChanges(@Size(min = 1, max = 2000) String url,
            @Schema(description = EVENTS_DESCRIPTION) @Size(min = 1, max = 10) List<@NotBlank String> events,
            @Size(max = 500) String description, Boolean enabled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookEndpoint")
    public record EndpointView(@Schema(required = true) UUID id, @Schema(required = true) String url, String description, @Schema(required = true) List<String> events,
            @Schema(required = true, description = "active, or disabled (by an admin, after repeated failures, or because the endpoint answered 410 Gone)") String status,
            String disabledReason, Instant disabledAt, int consecutiveFailures, String createdBy, @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt) {

        static EndpointView of(WebhookEndpoint endpoint) {
            return new EndpointView(endpoint.id, endpoint.url, endpoint.description, List.copyOf(endpoint.events),
                    endpoint.status.name().toLowerCase(), endpoint.disabledReason, endpoint.disabledAt,
                    endpoint.consecutiveFailures, endpoint.createdBy, endpoint.createdAt, endpoint.updatedAt);
        }
    }

    @Schema(name = "WebhookEndpointWithSecret")
    public record EndpointWithSecret(@Schema(required = true) EndpointView endpoint,
            @Schema(required = true, description = "The Standard Webhooks signing secret (whsec_…); store it now, it is not shown again") String secret) {
    }

    @Schema(name = "WebhookEndpointPage")
    public record EndpointPage(@Schema(required = true) List<EndpointView> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookAttempt")
    public record AttemptView(int number, @Schema(required = true) Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookDelivery", description = "One event's way to one endpoint, with every attempt")
    public record DeliveryView(UUID id,
            @Schema(required = true, description = "The event id, sent as webhook-id; the same on every retry") String eventId,
            @Schema(required = true) String eventType, @Schema(required = true, description = "pending, delivered or failed") String status, int attempts,
            @Schema(required = true) Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError,
            Instant deliveredAt, @Schema(required = true) List<AttemptView> attemptLog) {
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(@Schema(required = true) List<DeliveryView> items, String nextCursor) {
    }
}
