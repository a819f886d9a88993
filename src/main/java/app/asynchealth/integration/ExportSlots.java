package app.asynchealth.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;

/**
 * Bounds how many exports stream at once, per tenant and in all, on this replica. An export holds a pooled database
 * connection for as long as its client reads, so without a bound a few callers could take the whole pool. A slot
 * is given back when its download ends; one whose download never started or never ended expires with the export
 * timeout.
 */
@ApplicationScoped
public class ExportSlots {

    /** One export's claim on a slot. */
    public final class Slot {

        private final String tenantId;
        private final Instant takenAt;

        private Slot(String tenantId, Instant takenAt) {
            this.tenantId = tenantId;
            this.takenAt = takenAt;
        }

        public void release() {
            Set<Slot> slots = taken.get(tenantId);
            if (slots != null) {
                slots.remove(this);
            }
        }
    }

    private final Map<String, Set<Slot>> taken = new ConcurrentHashMap<>();
    private final int perTenant;
    private final int total;
    private final Duration timeout;
    private final Clock clock;

    ExportSlots(@ConfigProperty(name = "async-health.export.max-concurrent-per-tenant", defaultValue = "2") int perTenant,
            @ConfigProperty(name = "async-health.export.max-concurrent", defaultValue = "5") int total,
            @ConfigProperty(name = "async-health.export.timeout") Duration timeout, Clock clock) {
        this.perTenant = perTenant;
        this.total = total;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Takes a slot for the tenant, or refuses with 429 and a Retry-After. */
    public synchronized Slot take(String tenantId) {
        Instant now = clock.instant();
        Instant expired = now.minus(timeout);
        taken.values().forEach(slots -> slots.removeIf(slot -> slot.takenAt.isBefore(expired)));
        Set<Slot> tenantSlots = taken.computeIfAbsent(tenantId, id -> ConcurrentHashMap.newKeySet());
        if (tenantSlots.size() >= perTenant) {
            throw ProblemException.retryLater(ProblemType.TOO_MANY_REQUESTS, "Your organisation already has "
                    + tenantSlots.size() + " exports running; at most " + perTenant + " run at once. Retry when one ends.",
                    30);
        }
        if (taken.values().stream().mapToInt(Set::size).sum() >= total) {
            throw ProblemException.retryLater(ProblemType.TOO_MANY_REQUESTS,
                    "The service is busy with other exports; retry shortly.", 30);
        }
        Slot slot = new Slot(tenantId, now);
        tenantSlots.add(slot);
        return slot;
    }
}
