package app.asynchealth.assessment.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationRepresentations.ReminderView;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The lead's "remind now": at most once a day per round, so that members are not pestered. The reminder is recorded
 * first (its own transaction), then sent at once like a scheduled one; whatever the mail server does not take, the
 * schedule's tick sends later.
 */
@ApplicationScoped
public class ReminderService {

    static final Duration ONCE_PER = Duration.ofHours(24);

    private final AssessmentAccess access;
    private final Reminders reminders;
    private final InvitationMails mails;
    private final EntityManager entityManager;
    private final Clock clock;

    ReminderService(AssessmentAccess access, Reminders reminders, InvitationMails mails, EntityManager entityManager,
            Clock clock) {
        this.access = access;
        this.reminders = reminders;
        this.mails = mails;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public ReminderView remindNow(UUID assessmentId) {
        Instant now = clock.instant();
        UUID reminderId = QuarkusTransaction.requiringNew().call(() -> record(assessmentId, now));
        QuarkusTransaction.requiringNew().call(() -> reminders.remind(assessmentId, now));
        return QuarkusTransaction.requiringNew().call(() -> view(reminderId));
    }

    private UUID record(UUID assessmentId, Instant now) {
        Assessment assessment = access.manageable(assessmentId);
        if (assessment.status != AssessmentStatus.OPEN || !now.isBefore(assessment.closesAt)) {
            throw new ProblemException(ProblemType.CONFLICT, "Only an open assessment's members can be reminded.");
        }
        if (!mails.enabled()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "Reminders are e-mailed, and e-mail is not configured on this installation.");
        }
        // Two requests at once take turns here, so that the second sees the first's reminder and is refused.
        entityManager.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('remind-now:' || ?1, 0))")
                .setParameter(1, assessmentId.toString()).getSingleResult();
        Instant last = entityManager.createQuery(
                "select max(r.dueAt) from AssessmentReminder r where r.assessmentId = :a and r.origin = :origin",
                Instant.class).setParameter("a", assessmentId).setParameter("origin", ReminderOrigin.MANUAL)
                .getSingleResult();
        if (last != null && now.isBefore(last.plus(ONCE_PER))) {
            long wait = Math.max(1, (Duration.between(now, last.plus(ONCE_PER)).toMillis() + 999) / 1000);
            throw ProblemException.retryLater(ProblemType.CONFLICT, "The members of this round were reminded at "
                    + last + "; a round's members are reminded on request at most once a day.", wait);
        }
        AssessmentReminder reminder = new AssessmentReminder();
        reminder.assessmentId = assessmentId;
        reminder.origin = ReminderOrigin.MANUAL;
        reminder.dueAt = now;
        entityManager.persist(reminder);
        entityManager.flush();
        return reminder.id;
    }

    private ReminderView view(UUID reminderId) {
        AssessmentReminder reminder = entityManager.find(AssessmentReminder.class, reminderId);
        long reminded = (Long) entityManager.createNativeQuery(
                "SELECT count(*) FROM reminder_seat WHERE reminder_id = ?1 AND NOT refused", Long.class)
                .setParameter(1, reminderId).getSingleResult();
        return new ReminderView(reminder.id, reminder.assessmentId, reminder.origin, reminder.dueAt, (int) reminded,
                reminder.doneAt);
    }
}
