package app.asynchealth.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import app.asynchealth.platform.tenancy.TenantWork;
import app.asynchealth.tenant.EveryTenant;
import io.quarkus.scheduler.Scheduled;

/**
 * Opens drafts when their opening time comes and closes open assessments when their closing time passes. It works one
 * tenant at a time, bound to that tenant like any request; the transitions are idempotent, so replicas running it at
 * once do no harm.
 */
@ApplicationScoped
public class AssessmentLifecycle {

    private final TenantWork work;
    private final EveryTenant everyTenant;
    private final AssessmentRepository assessments;
    private final Clock clock;
    private final Event<AssessmentClosed> closed;

    AssessmentLifecycle(TenantWork work, EveryTenant everyTenant, AssessmentRepository assessments, Clock clock,
            Event<AssessmentClosed> closed) {
        this.closed = closed;
        this.work = work;
        this.everyTenant = everyTenant;
        this.assessments = assessments;
        this.clock = clock;
    }

    @Scheduled(every = "${async-health.assessments.lifecycle-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        advanceAll(clock.instant());
    }

    /** @return how many assessments changed status */
    public int advanceAll(Instant now) {
        return everyTenant.sum("advance the assessments", tenantId -> advance(tenantId, now));
    }

    /** Opens and closes the tenant's assessments whose time has come; @return how many changed status */
    public int advance(String tenantId, Instant now) {
        return work.call(tenantId, () -> advance(now));
    }

    private int advance(Instant now) {
        List<Assessment> due = assessments.due(now);
        for (Assessment assessment : due) {
            if (assessment.status == AssessmentStatus.DRAFT) {
                assessment.open(now);
            } else {
                assessments.awaitAnswersInFlight(assessment.id); // answers under way commit first, and count
                assessment.close(now);
                closed.fire(AssessmentClosed.of(assessment));
            }
        }
        return due.size();
    }
}
