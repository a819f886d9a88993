package app.asynchealth.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import app.asynchealth.assessment.invitation.Reminders;
import app.asynchealth.platform.logging.LogSafe;
import app.asynchealth.platform.security.TenantStatuses;
import app.asynchealth.platform.tenancy.TenantWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * The schedules' heartbeat: every {@code async-health.schedules.tick} (a minute) it creates due rounds, invites their
 * teams, and sends due reminders (of scheduled rounds, and the lead's that the mail server did not take at once). It
 * asks the database which tenants have work due (schedule_due_tenants, which reads across tenants and returns ids
 * only), then works each one bound to it like a request: first every due tenant's rounds, then their invitations, then
 * the reminders, so that every round opens at its time and no tenant's mail waits behind another's rounds. Closing is
 * AssessmentLifecycle's, at closesAt. Tests call {@link #tick(Clock)} with their own clock.
 * <p>
 * A tick that did work logs one line with its counts and durations (no tenant or member named), and every tick counts
 * into the metrics {@code async_health_schedule_tick_seconds} and {@code async_health_schedule_work_total}, so that an
 * operator sees each replica's tick run and how long it takes.
 */
@ApplicationScoped
public class ScheduleTick {

    private static final Logger LOG = Logger.getLogger(ScheduleTick.class);

    /** What one tick did, in every tenant. */
    public record Result(int roundsCreated, int invitationsMailed, int remindersMailed) {
    }

    private final TenantWork work;
    private final EntityManager entityManager;
    private final TenantStatuses tenants;
    private final ScheduledRounds rounds;
    private final Reminders reminders;
    private final Clock clock;
    private final MeterRegistry metrics;

    ScheduleTick(TenantWork work, EntityManager entityManager, TenantStatuses tenants, ScheduledRounds rounds,
            Reminders reminders, Clock clock, MeterRegistry metrics) {
        this.work = work;
        this.entityManager = entityManager;
        this.tenants = tenants;
        this.rounds = rounds;
        this.reminders = reminders;
        this.clock = clock;
        this.metrics = metrics;
    }

    // The first tick waits for the service to have started (first-delay): a replica that is still warming up should
    // not take a burst of due rounds; tests and the bench shorten it.
    @Scheduled(every = "${async-health.schedules.tick:1m}", delayed = "${async-health.schedules.first-delay:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tick(clock);
    }

    public Result tick(Clock at) {
        long begin = System.nanoTime();
        Instant now = at.instant();
        List<String> due = work.call(null, () -> entityManager
                .createNativeQuery("SELECT schedule_due_tenants FROM schedule_due_tenants(?1)", String.class)
                .setParameter(1, now).getResultList().stream().map(String.class::cast).toList());
        // A disabled tenant's rounds wait until it is enabled again.
        List<String> active = due.stream().filter(tenants::active).toList();
        int created = 0;
        for (String tenantId : active) {
            try {
                created += rounds.createDue(tenantId, now);
            } catch (RuntimeException e) {
                // The failure redacted: a driver's or mail server's message may quote an address.
                LOG.errorf("Could not create the scheduled rounds of tenant %s: %s", tenantId, LogSafe.describe(e));
            }
        }
        long createdAt = System.nanoTime();
        int invited = 0;
        for (String tenantId : active) {
            try {
                invited += rounds.inviteDue(tenantId, now);
            } catch (RuntimeException e) {
                // The failure redacted: a driver's or mail server's message may quote an address.
                LOG.errorf("Could not invite the scheduled rounds of tenant %s: %s", tenantId, LogSafe.describe(e));
            }
        }
        long invitedAt = System.nanoTime();
        int reminded = 0;
        for (String tenantId : active) {
            try {
                reminded += reminders.sendDue(tenantId, now).reminded();
            } catch (RuntimeException e) {
                // The failure redacted: a driver's or mail server's message may quote an address.
                LOG.errorf("Could not send the reminders of tenant %s: %s", tenantId, LogSafe.describe(e));
            }
        }
        long end = System.nanoTime();
        record(end - begin, created, invited, reminded);
        if (created + invited + reminded > 0) {
            LOG.infof("Schedule tick: %d rounds created, %d invitations, %d reminders in %d ms (rounds %d ms,"
                    + " invitations %d ms, reminders %d ms; %d tenants due)", created, invited, reminded,
                    millis(end - begin), millis(createdAt - begin), millis(invitedAt - createdAt),
                    millis(end - invitedAt), active.size());
        }
        return new Result(created, invited, reminded);
    }

    private void record(long nanos, int created, int invited, int reminded) {
        metrics.timer("async_health.schedule.tick").record(nanos, TimeUnit.NANOSECONDS);
        metrics.counter("async_health.schedule.work", "kind", "round").increment(created);
        metrics.counter("async_health.schedule.work", "kind", "invitation").increment(invited);
        metrics.counter("async_health.schedule.work", "kind", "reminder").increment(reminded);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
