package app.asynchealth.integration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.tenancy.TenantWork;

/**
 * Bounds how many exports stream at once, per tenant and in all, across every replica: the slots are rows in
 * PostgreSQL, taken under one advisory lock, so n replicas allow the configured numbers and not n times them. An
 * export holds a pooled database connection for as long as its client reads, so without a bound a few callers could
 * take the whole pool. A slot is given back when its download ends; one whose download never started or never ended
 * (its replica died) expires with the export timeout.
 */
@ApplicationScoped
public class ExportSlots {

    private static final Logger LOG = Logger.getLogger(ExportSlots.class);

    /** Seconds a refused caller is told to wait: exports last seconds to minutes. */
    static final int RETRY_AFTER_SECONDS = 30;

    /** One export's claim on a slot. */
    public final class Slot {

        private final String tenantId;
        private final UUID id;

        private Slot(String tenantId, UUID id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        public void release() {
            try {
                work.call(tenantId, () -> entityManager.createNativeQuery("DELETE FROM export_slot WHERE id = ?1")
                        .setParameter(1, id).executeUpdate());
            } catch (RuntimeException e) {
                // The database went away with the download: the slot expires with the export timeout instead.
                LOG.warnf("Export slot %s was not given back (%s); it expires with the export timeout", id,
                        e.getMessage());
            }
        }
    }

    private final int perTenant;
    private final int total;
    private final Duration timeout;
    private final Clock clock;
    private final TenantWork work;
    private final EntityManager entityManager;

    ExportSlots(@ConfigProperty(name = "async-health.export.max-concurrent-per-tenant", defaultValue = "2") int perTenant,
            @ConfigProperty(name = "async-health.export.max-concurrent", defaultValue = "5") int total,
            @ConfigProperty(name = "async-health.export.timeout") Duration timeout, Clock clock, TenantWork work,
            EntityManager entityManager) {
        this.perTenant = perTenant;
        this.total = total;
        this.timeout = timeout;
        this.clock = clock;
        this.work = work;
        this.entityManager = entityManager;
    }

    /** Takes a slot for the tenant, or refuses with 429 and a Retry-After. */
    public Slot take(String tenantId) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        UUID id = work.call(tenantId, () -> {
            // One taker at a time, on every replica: counting and inserting must not interleave.
            entityManager.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('export-slots', 0))")
                    .getSingleResult();
            entityManager.createNativeQuery("DELETE FROM export_slot WHERE expires_at <= ?1").setParameter(1, now)
                    .executeUpdate(); // this tenant's expired slots (row-level security shows no other's)
            long running = ((Number) entityManager.createNativeQuery("SELECT count(*) FROM export_slot")
                    .getSingleResult()).longValue();
            if (running >= perTenant) {
                throw ProblemException.retryLater(ProblemType.TOO_MANY_REQUESTS, "Your organisation already has "
                        + running + " exports running; at most " + perTenant + " run at once. Retry when one ends.",
                        RETRY_AFTER_SECONDS);
            }
            long all = ((Number) entityManager.createNativeQuery("SELECT export_slots_running(?1)").setParameter(1, now)
                    .getSingleResult()).longValue();
            if (all >= total) {
                throw ProblemException.retryLater(ProblemType.TOO_MANY_REQUESTS,
                        "The service is busy with other exports; retry shortly.", RETRY_AFTER_SECONDS);
            }
            UUID slot = UUID.randomUUID();
            entityManager.createNativeQuery(
                    "INSERT INTO export_slot (tenant_id, id, taken_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, tenantId).setParameter(2, slot).setParameter(3, now)
                    .setParameter(4, now.plus(timeout)).executeUpdate();
            return slot;
        });
        return new Slot(tenantId, id);
    }

    /** Exports running now for the tenant, on all replicas. */
    public long running(String tenantId) {
        Instant now = clock.instant();
        return work.call(tenantId, () -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM export_slot WHERE expires_at > ?1")
                .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getSingleResult()).longValue());
    }
}
