package app.asynchealth.integration.webhook;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpoint, UUID> {

    public List<WebhookEndpoint> page(PageRequest request) {
        Parameters parameters = new Parameters();
        String query = "1 = 1";
        if (request.after().isPresent()) {
            query = "id > :after";
            parameters.and("after", request.afterId().get());
        }
        return find(query + " order by id", parameters).range(0, request.fetchSize() - 1).list();
    }

    /** Active endpoints that subscribed to the event. */
    public List<WebhookEndpoint> subscribedTo(WebhookEventType type) {
        return getEntityManager().createNativeQuery(
                "SELECT * FROM webhook_endpoint WHERE status = 'ACTIVE' AND :type = ANY (events)", WebhookEndpoint.class)
                .setParameter("type", type.wireName()).getResultList();
    }

    /**
     * Locks the endpoint's row for recording an attempt, before its delivery: deleting an endpoint locks the endpoint
     * and then (cascading) its deliveries, so taking them in the other order deadlocks with a delete.
     *
     * @return false if the endpoint is gone
     */
    public boolean lockForRecording(UUID id) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM webhook_endpoint WHERE id = :id FOR NO KEY UPDATE")
                .setParameter("id", id).getResultList().isEmpty();
    }

    /** Counts a failed attempt; returns the failures in a row. Atomic, since replicas record outcomes at once. */
    public int recordFailure(UUID id) {
        Object failures = getEntityManager().createNativeQuery("""
                UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1, version = version + 1
                WHERE id = :id RETURNING consecutive_failures""").setParameter("id", id).getSingleResult();
        return ((Number) failures).intValue();
    }

    public void recordSuccess(UUID id) {
        getEntityManager().createNativeQuery("""
                UPDATE webhook_endpoint SET consecutive_failures = 0, version = version + 1
                WHERE id = :id AND consecutive_failures <> 0""").setParameter("id", id).executeUpdate();
    }

    /** Disables an active endpoint and pauses its pending deliveries (they resume when it is enabled again). */
    public void disable(UUID id, String reason) {
        int changed = getEntityManager().createNativeQuery("""
                UPDATE webhook_endpoint SET status = 'DISABLED', disabled_reason = :reason, disabled_at = now(),
                    version = version + 1
                WHERE id = :id AND status = 'ACTIVE'""").setParameter("id", id).setParameter("reason", reason)
                .executeUpdate();
        if (changed > 0) {
            getEntityManager().createNativeQuery("""
                    UPDATE webhook_delivery SET next_attempt_at = NULL, version = version + 1
                    WHERE endpoint_id = :id AND status = 'PENDING'""").setParameter("id", id).executeUpdate();
        }
    }
}
