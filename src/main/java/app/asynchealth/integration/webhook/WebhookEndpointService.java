package app.asynchealth.integration.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.integration.webhook.WebhookRepresentations.AttemptView;
import app.asynchealth.integration.webhook.WebhookRepresentations.DeliveryView;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointChanges;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointView;
import app.asynchealth.integration.webhook.WebhookRepresentations.EndpointWithSecret;
import app.asynchealth.integration.webhook.WebhookRepresentations.NewEndpoint;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.security.SecretBox;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;

/** Tenant admins' webhook endpoints and their delivery log. */
@ApplicationScoped
@Transactional
public class WebhookEndpointService {

    static final String LIST = "webhook-endpoints";
    static final String DELIVERIES = "webhook-deliveries";
    static final String SECRET_PREFIX = "whsec_";
    static final int MAX_ENDPOINTS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final DestinationPolicy destinations;
    private final Caller caller;
    private final Pagination pagination;
    private final Clock clock;
    private final SecretBox secrets;
    private final WebhookOutbox outbox;
    private final WebhookSubscriptions subscriptions;

    WebhookEndpointService(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
            DestinationPolicy destinations, Caller caller, Pagination pagination, Clock clock, SecretBox secrets,
            WebhookOutbox outbox, WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.caller = caller;
        this.pagination = pagination;
        this.clock = clock;
    }

    public EndpointWithSecret create(NewEndpoint request) {
        if (endpoints.count() >= MAX_ENDPOINTS) {
            throw ProblemException.invalid("url", "a tenant has at most " + MAX_ENDPOINTS + " webhook endpoints");
        }
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.url = checkedUrl(request.url());
        endpoint.events = checkedEvents(request.events());
        endpoint.description = blankToNull(request.description());
        String secret = newSecret();
        endpoint.secret = secrets.seal(secret);
        endpoint.status = WebhookEndpoint.Status.ACTIVE;
        endpoint.createdBy = caller.subject();
        endpoints.persist(endpoint);
        endpoints.flush();
        subscriptions.changed();
        return new EndpointWithSecret(EndpointView.of(endpoint), secret);
    }

    public Page<EndpointView> list(PageRequest request) {
        return pagination.page(LIST, request, endpoints.page(request), endpoint -> endpoint.id.toString(),
                EndpointView::of);
    }

    public Versioned<EndpointView> get(UUID id) {
        WebhookEndpoint endpoint = find(id);
        return new Versioned<>(EndpointView.of(endpoint), endpoint.version);
    }

    public Versioned<EndpointView> update(UUID id, EndpointChanges changes, String ifMatch) {
        WebhookEndpoint endpoint = find(id);
        EntityTags.requireMatch(ifMatch, endpoint.version);
        if (changes.url() != null) {
            endpoint.url = checkedUrl(changes.url());
        }
        if (changes.events() != null) {
            endpoint.events = checkedEvents(changes.events());
        }
        if (changes.description() != null) {
            endpoint.description = blankToNull(changes.description());
        }
        if (Boolean.TRUE.equals(changes.enabled()) && endpoint.status == WebhookEndpoint.Status.DISABLED) {
            endpoint.status = WebhookEndpoint.Status.ACTIVE;
            endpoint.disabledReason = null;
            endpoint.disabledAt = null;
            endpoint.consecutiveFailures = 0;
            // Deliveries paused while it was disabled are due again.
            deliveries.update("nextAttemptAt = ?1 where endpointId = ?2 and status = ?3 and nextAttemptAt is null",
                    clock.instant(), endpoint.id, WebhookDelivery.Status.PENDING);
        } else if (Boolean.FALSE.equals(changes.enabled()) && endpoint.status == WebhookEndpoint.Status.ACTIVE) {
            disable(endpoint, "disabled by " + caller.subject());
        }
        endpoints.flush();
        subscriptions.changed();
        return new Versioned<>(EndpointView.of(endpoint), endpoint.version);
    }

    /** A new signing secret; the old one stops signing at once. */
    public EndpointWithSecret rotateSecret(UUID id) {
        WebhookEndpoint endpoint = find(id);
        String secret = newSecret();
        endpoint.secret = secrets.seal(secret);
        endpoints.flush();
        return new EndpointWithSecret(EndpointView.of(endpoint), secret);
    }

    public void delete(UUID id, String ifMatch) {
        WebhookEndpoint endpoint = find(id);
        EntityTags.requireMatch(ifMatch, endpoint.version);
        endpoints.delete(endpoint);
        subscriptions.changed();
    }

    public Page<DeliveryView> deliveries(UUID endpointId, PageRequest request) {
        find(endpointId);
        List<WebhookDelivery> fetched = deliveries.page(endpointId, request);
        Map<UUID, DeliveryView> views = views(fetched);
        return pagination.page(DELIVERIES, request, fetched, delivery -> delivery.id.toString(),
                delivery -> views.get(delivery.id));
    }

    /**
     * Sends a finished delivery (failed, or delivered) again, as the same message (the same webhook-id), with a fresh
     * round of attempts; it waits, paused, while the endpoint is disabled.
     */
    public DeliveryView redeliver(UUID endpointId, UUID deliveryId) {
        WebhookEndpoint endpoint = find(endpointId);
        WebhookDelivery delivery = deliveries.find("id = ?1 and endpointId = ?2", deliveryId, endpointId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("Webhook delivery"));
        if (delivery.status == WebhookDelivery.Status.PENDING) {
            throw new ProblemException(ProblemType.CONFLICT, "This delivery is still on its way; it is sent again only "
                    + "once it has been delivered or has failed.");
        }
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.roundStartedAfter = delivery.attempts;
        delivery.deliveredAt = null;
        delivery.nextAttemptAt = endpoint.status == WebhookEndpoint.Status.ACTIVE ? clock.instant() : null;
        deliveries.flush();
        return views(List.of(delivery)).get(delivery.id);
    }

    private Map<UUID, DeliveryView> views(List<WebhookDelivery> fetched) {
        Map<UUID, List<AttemptView>> attempts = deliveries.attemptsOf(fetched.stream().map(d -> d.id).toList()).stream()
                .collect(Collectors.groupingBy(attempt -> attempt.deliveryId, Collectors.mapping(
                        attempt -> new AttemptView(attempt.number, attempt.attemptedAt, attempt.statusCode,
                                attempt.error, attempt.durationMs),
                        Collectors.toList())));
        Map<UUID, WebhookEvent> events = deliveries.events(fetched.stream().map(d -> d.eventId).distinct().toList())
                .stream().collect(Collectors.toMap(event -> event.id, Function.identity()));
        return fetched.stream().collect(Collectors.toMap(delivery -> delivery.id,
                delivery -> new DeliveryView(delivery.id, WebhookMessages.messageId(delivery.eventId),
                        events.get(delivery.eventId).type, delivery.status.name().toLowerCase(), delivery.attempts,
                        delivery.createdAt, delivery.nextAttemptAt, delivery.lastAttemptAt, delivery.lastStatus,
                        delivery.lastError, delivery.deliveredAt, attempts.getOrDefault(delivery.id, List.of()))));
    }

    /** Queues a {@code webhook.test} message to this endpoint alone, through the same outbox as every event. */
    public DeliveryView sendTest(UUID id) {
        WebhookEndpoint endpoint = find(id);
        if (endpoint.status != WebhookEndpoint.Status.ACTIVE) {
            throw new ProblemException(ProblemType.CONFLICT, "The endpoint is disabled; enable it to send it a test.");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id.toString());
        data.put("requestedBy", caller.subject());
        WebhookDelivery delivery = outbox.publishTo(endpoint, WebhookEventType.TEST, UUID.randomUUID(), data);
        deliveries.flush();
        return views(List.of(delivery)).get(delivery.id);
    }

    /** Stops deliveries to the endpoint; those pending wait, paused, until it is enabled again. */
    void disable(WebhookEndpoint endpoint, String reason) {
        endpoint.status = WebhookEndpoint.Status.DISABLED;
        endpoint.disabledReason = reason;
        endpoint.disabledAt = clock.instant();
        deliveries.update("nextAttemptAt = null where endpointId = ?1 and status = ?2", endpoint.id,
                WebhookDelivery.Status.PENDING);
    }

    private WebhookEndpoint find(UUID id) {
        return endpoints.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Webhook endpoint"));
    }

    private String checkedUrl(String url) {
        String candidate = url.strip();
        destinations.refusal(candidate).ifPresent(reason -> {
            throw ProblemException.invalid("url", reason);
        });
        return candidate;
    }

    private static List<String> checkedEvents(List<String> events) {
        List<String> unknown = new ArrayList<>();
        for (String event : events) {
            if (WebhookEventType.subscribable(event).isEmpty()) {
                unknown.add(event);
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("events", "unknown event " + String.join(", ", unknown) + "; use "
                    + String.join(", ", WebhookEventType.subscribableNames()));
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
