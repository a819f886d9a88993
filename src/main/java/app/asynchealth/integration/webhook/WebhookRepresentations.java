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
    public record EndpointView(UUID id, String url, String description, List<String> events,
            @Schema(description = "active, or disabled (by an admin, after repeated failures, or because the endpoint answered 410 Gone)") String status,
            String disabledReason, Instant disabledAt, int consecutiveFailures, String createdBy, Instant createdAt,
            Instant updatedAt) {

        static EndpointView of(WebhookEndpoint endpoint) {
            return new EndpointView(endpoint.id, endpoint.url, endpoint.description, List.copyOf(endpoint.events),
                    endpoint.status.name().toLowerCase(), endpoint.disabledReason, endpoint.disabledAt,
                    endpoint.consecutiveFailures, endpoint.createdBy, endpoint.createdAt, endpoint.updatedAt);
        }
    }

    @Schema(name = "WebhookEndpointWithSecret")
    public record EndpointWithSecret(EndpointView endpoint,
            @Schema(description = "The Standard Webhooks signing secret (whsec_…); store it now, it is not shown again") String secret) {
    }

    @Schema(name = "WebhookEndpointPage")
    public record EndpointPage(List<EndpointView> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookAttempt")
    public record AttemptView(int number, Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookDelivery", description = "One event's way to one endpoint, with every attempt")
    public record DeliveryView(UUID id,
            @Schema(description = "The event id, sent as webhook-id; the same on every retry") String eventId,
            String eventType, @Schema(description = "pending, delivered or failed") String status, int attempts,
            Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError,
            Instant deliveredAt, List<AttemptView> attemptLog) {
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }
}
