package app.asynchealth.assessment.invitation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationService.NewCode;
import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.tenancy.TenantWork;

/**
 * Sends due reminders: to every member whose seat is still pending (unclaimed) and who has an e-mail address, a fresh
 * claim code, the old one dead. Claimed seats get nothing: the service cannot tell a claimed seat that submitted from
 * one that did not (answers sit under opaque slots), and must not learn it.
 * <p>
 * A seat's new code becomes the live one only after the mail server took the mail carrying it: the new code's hash
 * replaces the old one, and the seat is recorded as reminded, in one transaction after the send. A mail the server
 * did not take changes nothing: the member keeps the code they hold, and the next tick tries again. (Reissuing first
 * would kill the code the member holds before a new one reached them.) If the service dies between the mail and that
 * commit, the member holds a dead new code and the old one still works; the next tick sends another. A mail the server
 * refused for good (5xx: no such mailbox) is not tried again for this reminder: the seat is recorded as refused, so
 * that a dead address is neither mailed every tick until the round closes nor holds up the tenant's other reminders.
 * A mail it deferred (4xx: a full mailbox, greylisting) is tried again after {@link InvitationMails#retryDelay a wait}
 * that doubles with each deferral, from 5 minutes up to an hour: a full mailbox is not mailed every minute for days.
 * (A server that does not answer at all is tried again by the next tick: that is the server's state, not the
 * mailbox's, and every mail should go once it is back.)
 * <p>
 * One assessment's reminders are sent by one transaction at a time (a transaction-scoped advisory lock, tried, never
 * waited for), so two replicas never mail the same seat two different codes. Only the latest due reminder of an
 * assessment is sent: after downtime over several, members get one mail, not a backlog.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);
    /** Assessments with due reminders handled per tenant and tick; the rest wait for the next tick. */
    static final int ASSESSMENTS_PER_TICK = 200;
    /** Seats mailed per assessment and transaction (the mails of one batch go out at once). */
    static final int SEATS_PER_BATCH = 500;
    /** The seats the reminder is for: pending, with an e-mail address, seated when it came due, not reached yet. */
    private static final String UNREACHED_SEATS = """
            FROM invitation i JOIN team_member m ON m.tenant_id = i.tenant_id AND m.id = i.member_id
            LEFT JOIN reminder_deferral d ON d.tenant_id = i.tenant_id AND d.reminder_id = ?3 AND d.invitation_id = i.id
            WHERE i.assessment_id = ?1 AND i.status = 'PENDING' AND i.created_at <= ?2
              AND m.email IS NOT NULL AND m.email <> ''
              AND NOT EXISTS (SELECT 1 FROM reminder_seat s WHERE s.reminder_id = ?3 AND s.invitation_id = i.id)""";

    /**
     * What one pass did: seats reminded; seats whose mail the server did not take now (deferred, or no server
     * answered: retried later), of which {@code unreachable} found no server to answer. (Seats whose mail it refused
     * for good are done: in neither.)
     */
    public record Outcome(int reminded, int undelivered, int unreachable) {

        static final Outcome NONE = new Outcome(0, 0, 0);

        Outcome plus(Outcome other) {
            return new Outcome(reminded + other.reminded, undelivered + other.undelivered,
                    unreachable + other.unreachable);
        }

        /**
         * Mail went out, none was taken, and the server did not answer: it is likely down, so the pass stops for this
         * tick. (A server that answers, refusing some mailboxes, is up: the other assessments' reminders go on.)
         */
        public boolean mailServerDown() {
            return reminded == 0 && unreachable > 0;
        }
    }

    private final TenantWork work;
    private final EntityManager entityManager;
    private final AssessmentRepository assessments;
    private final InvitationMails mails;

    Reminders(TenantWork work, EntityManager entityManager, AssessmentRepository assessments, InvitationMails mails) {
        this.work = work;
        this.entityManager = entityManager;
        this.assessments = assessments;
        this.mails = mails;
    }

    /**
     * Plans a round's reminders at these offsets before it closes, in the caller's transaction. Offsets whose time has
     * passed already (a round created late, after downtime) are left out: the invitation has just gone out.
     */
    public void plan(Assessment assessment, List<Duration> offsets, Instant now) {
        for (Duration offset : offsets) {
            Instant due = assessment.closesAt.minus(offset);
            if (due.isAfter(now) && due.isAfter(assessment.opensAt)) {
                AssessmentReminder reminder = new AssessmentReminder();
                reminder.assessmentId = assessment.id;
                reminder.origin = ReminderOrigin.SCHEDULE;
                reminder.dueAt = due;
                entityManager.persist(reminder);
            }
        }
    }

    /** Sends the tenant's due reminders, one assessment per transaction. */
    public Outcome sendDue(String tenantId, Instant now) {
        if (!mails.enabled()) {
            return Outcome.NONE;
        }
        List<UUID> due = work.call(tenantId, () -> dueAssessments(now));
        Outcome total = Outcome.NONE;
        for (UUID assessmentId : due) {
            Outcome outcome = work.call(tenantId, () -> remind(assessmentId, now));
            total = total.plus(outcome);
            if (outcome.mailServerDown()) {
                LOG.warnf("Reminders of tenant %s wait for the mail server: %d not taken", tenantId, outcome.undelivered());
                break;
            }
        }
        return total;
    }

    private List<UUID> dueAssessments(Instant now) {
        return entityManager.createNativeQuery("""
                SELECT assessment_id FROM assessment_reminder WHERE done_at IS NULL AND due_at <= ?1
                  AND (waits_until IS NULL OR waits_until <= ?1)
                GROUP BY assessment_id ORDER BY min(due_at) LIMIT ?2""", UUID.class)
                .setParameter(1, now).setParameter(2, ASSESSMENTS_PER_TICK).getResultList()
                .stream().map(UUID.class::cast).toList();
    }

    /**
     * Sends the latest due reminder of one assessment of the current tenant, in the caller's transaction; older due
     * ones are superseded by it. Nothing happens when another transaction is sending this assessment's reminders.
     */
    public Outcome remind(UUID assessmentId, Instant now) {
        Boolean locked = (Boolean) entityManager.createNativeQuery(
                "SELECT pg_try_advisory_xact_lock(hashtextextended('reminders:' || ?1, 0))")
                .setParameter(1, assessmentId.toString()).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return Outcome.NONE;
        }
        List<AssessmentReminder> due = entityManager.createQuery("""
                from AssessmentReminder r where r.assessmentId = :assessment and r.doneAt is null and r.dueAt <= :now
                order by r.dueAt desc, r.id desc""", AssessmentReminder.class)
                .setParameter("assessment", assessmentId).setParameter("now", now).getResultList();
        if (due.isEmpty()) {
            return Outcome.NONE;
        }
        AssessmentReminder latest = due.get(0);
        due.subList(1, due.size()).forEach(superseded -> superseded.doneAt = now);
        Assessment assessment = assessments.findByIdOptional(assessmentId).orElse(null);
        if (assessment == null || assessment.status != AssessmentStatus.OPEN || !now.isBefore(assessment.closesAt)) {
            latest.doneAt = now; // nobody can answer any more: nothing to remind of
            return Outcome.NONE;
        }
        List<Seat> seats = pendingSeats(latest, now);
        List<NewCode> codes = new ArrayList<>();
        for (Seat seat : seats) {
            codes.add(new NewCode(seat.invitationId(), seat.memberId(), ClaimCodes.newCode(assessment.tenantId),
                    assessment.closesAt, seat.email(), seat.displayName()));
        }
        InvitationMails.Sent sent = mails.sendReminders(assessment, codes);
        int reminded = 0;
        for (int i = 0; i < seats.size(); i++) {
            Seat seat = seats.get(i);
            if (sent.taken().contains(seat.invitationId()) && liveCodeReplaced(seat, codes.get(i).code())) {
                record(assessment, latest, seat, now, false);
                reminded++;
            } else if (sent.refused().contains(seat.invitationId())) {
                record(assessment, latest, seat, now, true); // the member keeps the code they hold
            } else if (sent.deferred().contains(seat.invitationId())) {
                defer(assessment, latest, seat, now);
            }
        }
        settle(latest, now);
        entityManager.flush();
        int handled = sent.taken().size() + sent.refused().size();
        return new Outcome(reminded, seats.size() - handled, sent.unreachable());
    }

    /** The seat is done for this reminder: reminded, or refused for good by the mail server. */
    private void record(Assessment assessment, AssessmentReminder reminder, Seat seat, Instant now, boolean refused) {
        entityManager.createNativeQuery("""
                INSERT INTO reminder_seat (tenant_id, reminder_id, invitation_id, sent_at, refused)
                VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, assessment.tenantId).setParameter(2, reminder.id)
                .setParameter(3, seat.invitationId()).setParameter(4, now).setParameter(5, refused).executeUpdate();
        if (seat.deferrals() > 0) {
            entityManager.createNativeQuery("DELETE FROM reminder_deferral WHERE reminder_id = ?1 AND invitation_id = ?2")
                    .setParameter(1, reminder.id).setParameter(2, seat.invitationId()).executeUpdate();
        }
    }

    /** The seat's mailbox deferred the mail: it waits longer than after its previous deferral before the next try. */
    private void defer(Assessment assessment, AssessmentReminder reminder, Seat seat, Instant now) {
        int deferrals = seat.deferrals() + 1;
        entityManager.createNativeQuery("""
                INSERT INTO reminder_deferral (tenant_id, reminder_id, invitation_id, deferrals, retry_at)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (tenant_id, reminder_id, invitation_id)
                DO UPDATE SET deferrals = EXCLUDED.deferrals, retry_at = EXCLUDED.retry_at""")
                .setParameter(1, assessment.tenantId).setParameter(2, reminder.id)
                .setParameter(3, seat.invitationId()).setParameter(4, deferrals)
                .setParameter(5, now.plus(InvitationMails.retryDelay(deferrals))).executeUpdate();
    }

    /**
     * The fresh code becomes the seat's only code, if the seat is still pending with the code it had when the mail was
     * made; a seat claimed, revoked or reissued meanwhile keeps what it has (the mail's code is then dead, and the
     * member holds a working way in: their credential, or the newer code).
     */
    private boolean liveCodeReplaced(Seat seat, String code) {
        return entityManager.createNativeQuery("""
                UPDATE invitation SET code_hash = ?1, delivery = 'EMAIL', updated_at = now(), version = version + 1
                WHERE id = ?2 AND status = 'PENDING' AND code_hash = ?3""")
                .setParameter(1, TokenHashes.sha256(code)).setParameter(2, seat.invitationId())
                .setParameter(3, seat.codeHash()).executeUpdate() == 1;
    }

    private record Seat(UUID invitationId, UUID memberId, String codeHash, String email, String displayName,
            int deferrals) {
    }

    /** The seats the reminder has not reached yet that may be mailed now: none whose mailbox asked to wait. */
    private List<Seat> pendingSeats(AssessmentReminder reminder, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT i.id, i.member_id, i.code_hash, m.email, m.display_name, coalesce(d.deferrals, 0)
                """ + UNREACHED_SEATS + """
                  AND (d.retry_at IS NULL OR d.retry_at <= ?4)
                ORDER BY i.id LIMIT ?5""")
                .setParameter(1, reminder.assessmentId).setParameter(2, reminder.dueAt).setParameter(3, reminder.id)
                .setParameter(4, now).setParameter(5, SEATS_PER_BATCH).getResultList();
        return rows.stream().map(row -> new Seat((UUID) row[0], (UUID) row[1], (String) row[2], (String) row[3],
                (String) row[4], ((Number) row[5]).intValue())).toList();
    }

    /**
     * After a pass: the reminder is done when no seat is left to reach; it waits, passed by by the ticks, until the
     * earliest retry when every seat left waits for its mailbox (so that reminders waiting for mailboxes do not take the
     * places of due ones in a tick); otherwise the next tick goes on (a server that did not answer, a next batch).
     */
    private void settle(AssessmentReminder reminder, Instant now) {
        Object[] left = (Object[]) entityManager.createNativeQuery("SELECT count(*),"
                + " count(*) FILTER (WHERE d.retry_at IS NULL OR d.retry_at <= ?4),"
                + " min(d.retry_at) FILTER (WHERE d.retry_at > ?4) " + UNREACHED_SEATS)
                .setParameter(1, reminder.assessmentId).setParameter(2, reminder.dueAt).setParameter(3, reminder.id)
                .setParameter(4, now).getSingleResult();
        if (((Number) left[0]).longValue() == 0) {
            reminder.doneAt = now;
            reminder.waitsUntil = null;
        } else {
            reminder.waitsUntil = ((Number) left[1]).longValue() == 0 ? instant(left[2]) : null;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return value instanceof Timestamp time ? time.toInstant() : (Instant) value;
    }
}
