package app.asynchealth.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import app.asynchealth.assessment.invitation.Reminders;
import app.asynchealth.platform.security.TenantStatuses;
import app.asynchealth.platform.tenancy.TenantWork;
import io.quarkus.scheduler.Scheduled;

/**
 * The schedules' heartbeat: every {@code async-health.schedules.tick} (a minute) it creates due rounds, invites their
 * teams, and sends due reminders (of scheduled rounds, and the lead's that the mail server did not take at once). It
 * asks the database which tenants have work due (schedule_due_tenants, which reads across tenants and returns ids
 * only), then works each one bound to it like a request. Closing is AssessmentLifecycle's, at closesAt. Tests call
 * {@link #tick(Clock)} with their own clock.
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

    ScheduleTick(TenantWork work, EntityManager entityManager, TenantStatuses tenants, ScheduledRounds rounds,
            Reminders reminders, Clock clock) {
        this.work = work;
        this.entityManager = entityManager;
        this.tenants = tenants;
        this.rounds = rounds;
        this.reminders = reminders;
        this.clock = clock;
    }

    @Scheduled(every = "${async-health.schedules.tick:1m}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tick(clock);
    }

    public Result tick(Clock at) {
        Instant now = at.instant();
        List<String> due = work.call(null, () -> entityManager
                .createNativeQuery("SELECT schedule_due_tenants FROM schedule_due_tenants(?1)", String.class)
                .setParameter(1, now).getResultList().stream().map(String.class::cast).toList());
        int created = 0;
        int invited = 0;
        int reminded = 0;
        for (String tenantId : due) {
            if (!tenants.active(tenantId)) {
                continue; // a disabled tenant's rounds wait until it is enabled again
            }
            try {
                created += rounds.createDue(tenantId, now);
                invited += rounds.inviteDue(tenantId, now);
                reminded += reminders.sendDue(tenantId, now).reminded();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not run the schedules of tenant %s", tenantId);
            }
        }
        return new Result(created, invited, reminded);
    }
}
