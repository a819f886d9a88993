package app.asynchealth.integration.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.action.ActionDue;
import app.asynchealth.assessment.AssessmentClosed;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.charter.CharterChanged;
import app.asynchealth.profile.ProfilePublished;
import app.asynchealth.response.ResponseSubmitted;

/**
 * The transactional outbox. It observes the domain's events synchronously, so the event row and its deliveries are
 * written in the transaction of the change they announce: they exist if and only if the change committed. Nothing is
 * written for events no active endpoint subscribed to.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final WebhookEndpointRepository endpoints;
    private final AssessmentRepository assessments;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookSubscriptions subscriptions;

    WebhookOutbox(WebhookEndpointRepository endpoints, AssessmentRepository assessments, ObjectMapper json,
            Clock clock, WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
        this.assessments = assessments;
        this.json = json;
        this.clock = clock;
    }

    void onClosed(@Observes AssessmentClosed closed) {
        long respondents = assessments.submittedCount(closed.assessmentId());
        boolean available = respondents >= closed.anonymityThreshold();
        Map<String, Object> data = assessmentData(closed.assessmentId(), closed.teamId(), closed.round());
        data.put("closedAt", closed.closedAt().toString());
        data.put("respondents", respondents);
        data.put("anonymityThreshold", closed.anonymityThreshold());
        data.put("profileStatus", available ? "available" : "suppressed");
        publish(WebhookEventType.ASSESSMENT_CLOSED, closed.assessmentId(), data);
        if (available) {
            Map<String, Object> profile = assessmentData(closed.assessmentId(), closed.teamId(), closed.round());
            profile.put("respondents", respondents);
            profile.put("profile", "/api/v1/assessments/" + closed.assessmentId() + "/profile");
            publish(WebhookEventType.PROFILE_AVAILABLE, closed.assessmentId(), profile);
        }
    }

    void onSubmitted(@Observes ResponseSubmitted submitted) {
        if (!subscriptions.any(WebhookEventType.QUORUM_REACHED)) { // cached per tenant: no query when nobody listens
            return;
        }
        // Concurrent submissions count one after the other: the one that reaches the threshold sees all earlier ones,
        // and the event is recorded once. An advisory lock, not the row's: a close holds the row while it waits for
        // the submissions in flight (AssessmentRepository.awaitAnswersInFlight), so waiting for the row here would
        // deadlock with it.
        assessments.getEntityManager().createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('quorum:' || :id, 0))")
                .setParameter("id", submitted.assessmentId().toString()).getSingleResult();
        Object[] assessment = (Object[]) assessments.getEntityManager().createNativeQuery(
                "SELECT team_id, round, anonymity_threshold FROM assessment WHERE id = :id")
                .setParameter("id", submitted.assessmentId()).getSingleResult();
        int threshold = ((Number) assessment[2]).intValue();
        if (assessments.submittedCount(submitted.assessmentId()) < threshold) {
            return;
        }
        Map<String, Object> data = assessmentData(submitted.assessmentId(), (UUID) assessment[0],
                ((Number) assessment[1]).intValue());
        data.put("anonymityThreshold", threshold);
        data.put("reachedAt", clock.instant().toString());
        publish(WebhookEventType.QUORUM_REACHED, submitted.assessmentId(), data);
    }

    void onCharterChanged(@Observes CharterChanged changed) {
        // Ids, the version and its coverage score (a property of the charter's text, not of anybody's answers), and
        // where to read it; never the content.
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", changed.tenantId());
        data.put("teamId", changed.teamId().toString());
        data.put("version", changed.version());
        data.put("author", changed.author());
        data.put("coverageScore", changed.coverageScore());
        data.put("createdAt", changed.createdAt().toString());
        data.put("charter", "/api/v1/teams/" + changed.teamId() + "/charter/versions/" + changed.version());
        publish(WebhookEventType.CHARTER_CHANGED, changed.teamId() + ":" + changed.version(), data);
    }

    void onProfilePublished(@Observes ProfilePublished published) {
        Map<String, Object> data = assessmentData(published.assessmentId(), published.teamId(), published.round());
        data.put("publishedAt", published.publishedAt().toString());
        data.put("profile", "/api/v1/assessments/" + published.assessmentId() + "/profile");
        // Each publication once: unpublished and published again, the round is announced again.
        publish(WebhookEventType.PROFILE_PUBLISHED, published.publicationId(), data);
    }

    void onActionDue(@Observes ActionDue due) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actionId", due.actionId().toString());
        data.put("teamId", due.teamId().toString());
        data.put("title", due.title());
        data.put("metric", due.metric());
        if (due.recommendationKey() != null) {
            data.put("recommendationKey", due.recommendationKey());
        }
        data.put("dueDate", due.dueDate().toString());
        data.put("status", due.status());
        if (due.ownerMemberId() != null) {
            data.put("ownerMemberId", due.ownerMemberId().toString());
        }
        data.put("action", "/api/v1/teams/" + due.teamId() + "/actions/" + due.actionId());
        // One event per action and due date: a postponed action is announced again when its new date comes.
        publish(WebhookEventType.ACTION_DUE, due.actionId() + "@" + due.dueDate(), data);
    }

    private static Map<String, Object> assessmentData(UUID assessmentId, UUID teamId, int round) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", assessmentId.toString());
        data.put("teamId", teamId.toString());
        data.put("round", round);
        return data;
    }

    /** Records the event once per subject, with one pending delivery per subscribed endpoint. */
    private void publish(WebhookEventType type, UUID subject, Map<String, Object> data) {
        publish(type, subject.toString(), data);
    }

    private void publish(WebhookEventType type, String subject, Map<String, Object> data) {
        List<WebhookEndpoint> targets = endpoints.subscribedTo(type);
        if (!targets.isEmpty()) {
            record(type, subject, data, targets);
        }
    }

    /** Records an event for one endpoint only (a test message); returns its delivery. */
    WebhookDelivery publishTo(WebhookEndpoint endpoint, WebhookEventType type, UUID subject, Map<String, Object> data) {
        return record(type, subject.toString(), data, List.of(endpoint)).get(0);
    }

    private List<WebhookDelivery> record(WebhookEventType type, String subject, Map<String, Object> data,
            List<WebhookEndpoint> targets) {
        String dedupeKey = type.wireName() + ":" + subject;
        EntityManager entities = endpoints.getEntityManager();
        boolean recorded = !entities.createQuery("select e.id from WebhookEvent e where e.dedupeKey = :key")
                .setParameter("key", dedupeKey).setMaxResults(1).getResultList().isEmpty();
        if (recorded) {
            return List.of();
        }
        Instant now = clock.instant();
        WebhookEvent event = new WebhookEvent();
        event.type = type.wireName();
        event.dedupeKey = dedupeKey;
        event.payload = WebhookMessages.payload(json, type, now, data);
        entities.persist(event);
        List<WebhookDelivery> deliveries = new ArrayList<>();
        for (WebhookEndpoint endpoint : targets) {
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.eventId = event.id;
            delivery.endpointId = endpoint.id;
            delivery.status = WebhookDelivery.Status.PENDING;
            delivery.nextAttemptAt = now;
            entities.persist(delivery);
            deliveries.add(delivery);
        }
        return deliveries;
    }
}
