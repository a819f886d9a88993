package app.asynchealth.integration.webhook;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import app.asynchealth.platform.tenancy.TenantContext;

/**
 * Which events the current tenant has an active endpoint for, kept per tenant so that the events of every submission
 * (quorum reached) cost no query when nobody listens. A change of an endpoint on this replica is seen at once (the
 * entry is dropped when the change is made and again when it commits); one made on another replica is seen within
 * {@code async-health.webhooks.subscription-cache} (10 s): until then this replica may record no quorum.reached for a
 * new or re-enabled endpoint, and records it with the next submission after that. An entry that still lists an event
 * whose endpoints were disabled or deleted only costs the query it saves: the deliveries go to active endpoints only.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    private final WebhookEndpointRepository endpoints;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<String, Set<String>> byTenant;

    WebhookSubscriptions(WebhookEndpointRepository endpoints, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "async-health.webhooks.subscription-cache", defaultValue = "10s") Duration keep) {
        this.endpoints = endpoints;
        this.transactions = transactions;
        this.byTenant = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(keep).build();
    }

    /** Whether an active endpoint of the current tenant subscribed to the event (possibly stale, see above). */
    public boolean any(WebhookEventType type) {
        String tenant = tenant();
        if (tenant == null) {
            return !endpoints.subscribedTo(type).isEmpty();
        }
        return byTenant.get(tenant, ignored -> subscribedEvents()).contains(type.wireName());
    }

    /** After a change of the current tenant's endpoints: ask the database again, now and once the change commits. */
    void changed() {
        String tenant = tenant();
        if (tenant == null) {
            return;
        }
        byTenant.invalidate(tenant);
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    byTenant.invalidate(tenant);
                }
            });
        }
    }

    private Set<String> subscribedEvents() {
        @SuppressWarnings("unchecked")
        List<Object> events = endpoints.getEntityManager().createNativeQuery(
                "SELECT DISTINCT unnest(events) FROM webhook_endpoint WHERE status = 'ACTIVE'").getResultList();
        Set<String> names = new HashSet<>();
        events.forEach(event -> names.add(String.valueOf(event)));
        return Set.copyOf(names);
    }

    private static String tenant() {
        return TenantContext.current().flatMap(TenantContext::tenantId).orElse(null);
    }
}
