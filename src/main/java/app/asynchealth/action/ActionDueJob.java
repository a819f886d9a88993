package app.asynchealth.action;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import app.asynchealth.platform.tenancy.TenantWork;
import app.asynchealth.tenant.EveryTenant;
import io.quarkus.scheduler.Scheduled;

/**
 * Announces actions whose due date has come (UTC) and that are neither done nor dropped: once per action and due date,
 * as the {@code action.due} webhook. Works one tenant at a time, bound to it like a request. A row is claimed by a
 * conditional UPDATE (... WHERE due_notified_at IS NULL), and the event is recorded in the same transaction: a replica
 * running at the same moment waits for the row, finds it claimed and skips it, so each action is announced once.
 */
@ApplicationScoped
public class ActionDueJob {

    private final TenantWork work;
    private final EveryTenant everyTenant;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Event<ActionDue> due;

    ActionDueJob(TenantWork work, EveryTenant everyTenant, EntityManager entityManager, Clock clock,
            Event<ActionDue> due) {
        this.work = work;
        this.everyTenant = everyTenant;
        this.entityManager = entityManager;
        this.clock = clock;
        this.due = due;
    }

    @Scheduled(every = "${async-health.actions.due-check-interval:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        announceAll(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** @return how many actions were announced, in every tenant */
    public int announceAll(LocalDate today) {
        return everyTenant.sum("announce the due actions", tenantId -> announce(tenantId, today));
    }

    /** Announces the tenant's actions due on or before {@code today}; @return how many */
    public int announce(String tenantId, LocalDate today) {
        return work.call(tenantId, () -> announce(today));
    }

    private int announce(LocalDate today) {
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = entityManager.createNativeQuery("""
                UPDATE team_action SET due_notified_at = now()
                WHERE due_notified_at IS NULL AND status IN ('planned', 'in-progress') AND due_date <= ?1
                RETURNING id, team_id, title, metric, recommendation_key, due_date, status, owner_member_id""")
                .setParameter(1, today).getResultList();
        for (Object[] row : claimed) {
            due.fire(new ActionDue((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                    toDate(row[5]), (String) row[6], (UUID) row[7]));
        }
        return claimed.size();
    }

    private static LocalDate toDate(Object value) {
        return value instanceof Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
