package app.asynchealth.integration.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /** An endpoint's deliveries, newest first. */
    public List<WebhookDelivery> page(UUID endpointId, PageRequest request) {
        Parameters parameters = Parameters.with("endpoint", endpointId);
        String query = "endpointId = :endpoint";
        if (request.after().isPresent()) {
            query += " and id < :after";
            parameters.and("after", request.afterId().get());
        }
        return find(query + " order by id desc", parameters).range(0, request.fetchSize() - 1).list();
    }

    public List<WebhookAttempt> attemptsOf(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery(
                "from WebhookAttempt where deliveryId in :ids order by deliveryId, number", WebhookAttempt.class)
                .setParameter("ids", deliveryIds).getResultList();
    }

    public List<WebhookEvent> events(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("from WebhookEvent where id in :ids", WebhookEvent.class)
                .setParameter("ids", eventIds).getResultList();
    }

    /** A delivery claimed for one attempt, with what sending it needs. */
    /** @param attempt the attempt's number in the log; @param attemptInRound its number in the current round */
    public record Claimed(UUID deliveryId, int attempt, int attemptInRound, UUID eventId, String payload,
            UUID endpointId, String url, String secret) {
    }

    /** Tenants with deliveries due, across all tenants; the database function reveals nothing but their ids. */
    @SuppressWarnings("unchecked")
    public List<String> dueTenants(int max) {
        return getEntityManager().createNativeQuery("SELECT webhook_due_tenants(:max)")
                .setParameter("max", max).getResultList();
    }

    /**
     * Claims up to {@code batch} due deliveries of the current tenant for one attempt each. Rows another replica is
     * claiming are skipped, and a claimed row is not due again until its lease ends, so each attempt is made by one
     * replica only; if that replica dies mid-attempt, the delivery is retried when the lease ends.
     */
    @SuppressWarnings("unchecked")
    public List<Claimed> claim(int batch, long leaseSeconds) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                UPDATE webhook_delivery d
                SET attempts = d.attempts + 1, last_attempt_at = now(),
                    next_attempt_at = now() + make_interval(secs => :lease), version = d.version + 1
                FROM webhook_event e, webhook_endpoint p
                WHERE d.id IN (SELECT id FROM webhook_delivery
                               WHERE status = 'PENDING' AND next_attempt_at <= now()
                               ORDER BY next_attempt_at LIMIT :batch
                               FOR UPDATE SKIP LOCKED)
                  AND e.tenant_id = d.tenant_id AND e.id = d.event_id
                  AND p.tenant_id = d.tenant_id AND p.id = d.endpoint_id AND p.status = 'ACTIVE'
                RETURNING d.id, d.attempts, d.attempts - d.round_started_after, e.id, e.payload, p.id, p.url, p.secret""")
                .setParameter("lease", (double) leaseSeconds).setParameter("batch", batch).getResultList();
        return rows.stream().map(row -> new Claimed((UUID) row[0], ((Number) row[1]).intValue(),
                ((Number) row[2]).intValue(), (UUID) row[3], (String) row[4], (UUID) row[5], (String) row[6],
                (String) row[7])).toList();
    }

    /** Deletes finished deliveries (and their attempts) of every tenant last touched before the instant. */
    public long pruneLog(Instant olderThan) {
        return ((Number) getEntityManager().createNativeQuery("SELECT webhook_prune_log(:olderThan)")
                .setParameter("olderThan", olderThan).getSingleResult()).longValue();
    }
}
