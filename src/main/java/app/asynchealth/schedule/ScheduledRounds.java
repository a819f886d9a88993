package app.asynchealth.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRounds;
import app.asynchealth.assessment.invitation.InvitationIssuer;
import app.asynchealth.assessment.invitation.InvitationMails;
import app.asynchealth.assessment.invitation.InvitationMails.Sent;
import app.asynchealth.assessment.invitation.Reminders;
import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;
import app.asynchealth.platform.logging.LogSafe;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.tenancy.TenantWork;

/**
 * Creates the rounds of one tenant's due schedules, then invites their teams.
 * <p>
 * Creating: due schedules are claimed in batches with {@code FOR UPDATE SKIP LOCKED} (a replica never waits for
 * another, nor works on the same schedule), and each round is a row of schedule_round, unique per (schedule, start):
 * a second creation of the same round fails at the database whatever runs it. Only the latest due occurrence is created,
 * and only while its window is open; the next is planned from now, so downtime over several starts gives one round,
 * not a backlog. Only team_schedule rows are locked; assessments and answers are not touched beyond the new round.
 * <p>
 * Inviting: a round stays uninvited until every member with an e-mail address holds a seat whose mail the server took
 * (members whose mail failed hold none, see InvitationIssuer); each tick invites the rest, so a mail server that is
 * down delays invitations and loses none.
 */
@ApplicationScoped
public class ScheduledRounds {

    private static final Logger LOG = Logger.getLogger(ScheduledRounds.class);
    /** Schedules claimed per transaction: short transactions, few round trips. */
    static final int BATCH = 100;
    static final int ROUNDS_TO_INVITE_PER_TICK = 200;

    private final TenantWork work;
    private final EntityManager entityManager;
    private final AssessmentRounds rounds;
    private final Reminders reminders;
    private final InvitationIssuer issuer;

    ScheduledRounds(TenantWork work, EntityManager entityManager, AssessmentRounds rounds, Reminders reminders,
            InvitationIssuer issuer) {
        this.work = work;
        this.entityManager = entityManager;
        this.rounds = rounds;
        this.reminders = reminders;
        this.issuer = issuer;
    }

    /** @return how many rounds were created in the tenant */
    public int createDue(String tenantId, Instant now) {
        int created = 0;
        while (true) {
            int[] batch = work.call(tenantId, () -> createBatch(tenantId, now));
            created += batch[1];
            if (batch[0] < BATCH) {
                return created;
            }
        }
    }

    /** A round made in this batch, to be written with the others: its schedule, its assessment and its times. */
    private record Made(TeamSchedule schedule, Assessment assessment, Instant startsAt, Instant closesAt) {
    }

    /**
     * @return the schedules claimed and the rounds created. A batch costs a few statements, whatever its size: the
     * team names and previous rounds read at once, the new assessments, reminders and schedule changes written in
     * JDBC batches at one flush, and the schedule_round rows in one INSERT.
     */
    private int[] createBatch(String tenantId, Instant now) {
        @SuppressWarnings("unchecked")
        List<TeamSchedule> due = entityManager.createNativeQuery("""
                SELECT * FROM team_schedule WHERE next_round_at <= ?1
                ORDER BY next_round_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED""", TeamSchedule.class)
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        if (due.isEmpty()) {
            return new int[] { 0, 0 };
        }
        Map<UUID, String> names = teamNames(due);
        loadPrevious(due);
        List<Made> made = new ArrayList<>();
        for (TeamSchedule schedule : due) {
            Made round = advance(tenantId, schedule, names, now);
            if (round != null) {
                made.add(round);
            }
        }
        // After every assessment: the flush then writes each table's rows in JDBC batches of their own.
        for (Made round : made) {
            reminders.plan(round.assessment(), round.schedule().reminders(), now);
        }
        entityManager.flush();
        insertRounds(tenantId, made);
        return new int[] { due.size(), made.size() };
    }

    /** The names of the teams whose schedules have no title of their own (the rounds' title), in one query. */
    private Map<UUID, String> teamNames(List<TeamSchedule> due) {
        String[] ids = due.stream().filter(schedule -> schedule.title == null).map(schedule -> schedule.teamId.toString())
                .distinct().toArray(String[]::new);
        Map<UUID, String> names = new HashMap<>();
        if (ids.length > 0) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "SELECT id, name FROM team WHERE id = ANY(CAST(?1 AS uuid[]))").setParameter(1, ids).getResultList();
            rows.forEach(row -> names.put((UUID) row[0], (String) row[1]));
        }
        return names;
    }

    /** Loads the previous rounds the new ones chain to, in one query, so that opening each finds its own loaded. */
    private void loadPrevious(List<TeamSchedule> due) {
        List<UUID> previous = due.stream().map(schedule -> schedule.lastAssessmentId).filter(Objects::nonNull)
                .distinct().toList();
        if (!previous.isEmpty()) {
            entityManager.createQuery("from Assessment a where a.id in :ids", Assessment.class)
                    .setParameter("ids", previous).getResultList();
        }
    }

    /** Makes the schedule's latest due round if its window is still open, and plans the next; null when none. */
    private Made advance(String tenantId, TeamSchedule schedule, Map<UUID, String> names, Instant now) {
        Recurrence recurrence = schedule.recurrence();
        OptionalLong latest = recurrence.latestAtOrBefore(now);
        Made made = null;
        if (latest.isPresent()) {
            ZonedDateTime start = recurrence.start(latest.getAsLong());
            Instant startsAt = start.toInstant();
            Instant closesAt = recurrence.closes(start);
            boolean planned = !startsAt.isBefore(schedule.nextRoundAt);
            boolean afterLatest = schedule.lastRoundClosesAt == null || !startsAt.isBefore(schedule.lastRoundClosesAt);
            if (planned && afterLatest && now.isBefore(closesAt)) {
                try {
                    made = open(tenantId, schedule, names, start, closesAt, now);
                } catch (ProblemException e) {
                    // A template that no longer resolves, say: this round is skipped, the schedule goes on.
                    LOG.warnf("Schedule %s could not create its round: %s", schedule.id, LogSafe.describe(e));
                }
            }
        }
        schedule.planNext(now.plusNanos(1));
        return made;
    }

    private Made open(String tenantId, TeamSchedule schedule, Map<UUID, String> names, ZonedDateTime start,
            Instant closesAt, Instant now) {
        String name = schedule.title != null ? schedule.title : names.getOrDefault(schedule.teamId, "Round");
        String title = truncate(name, 188) + " " + start.toLocalDate();
        Assessment assessment = rounds.openRound(tenantId, schedule.teamId, title,
                new TemplateRef(schedule.templateKey, schedule.templateVersion), start.toInstant(), closesAt,
                schedule.lastAssessmentId, now);
        schedule.lastAssessmentId = assessment.id;
        schedule.lastRoundClosesAt = closesAt;
        return new Made(schedule, assessment, start.toInstant(), closesAt);
    }

    /**
     * The batch's schedule_round rows in one statement (after the flush that wrote their assessments). Unique per
     * (schedule, start): a round made twice, by whatever, fails here and takes its batch's transaction with it.
     */
    private void insertRounds(String tenantId, List<Made> made) {
        if (made.isEmpty()) {
            return;
        }
        int n = made.size();
        String[] ids = new String[n];
        String[] schedules = new String[n];
        String[] starts = new String[n];
        String[] closes = new String[n];
        String[] assessments = new String[n];
        for (int i = 0; i < n; i++) {
            Made round = made.get(i);
            ids[i] = UUID.randomUUID().toString();
            schedules[i] = round.schedule().id.toString();
            starts[i] = round.startsAt().toString();
            closes[i] = round.closesAt().toString();
            assessments[i] = round.assessment().id.toString();
        }
        entityManager.createNativeQuery("""
                INSERT INTO schedule_round (tenant_id, id, schedule_id, starts_at, closes_at, assessment_id,
                                            created_at, updated_at, version)
                SELECT ?1, r.id::uuid, r.schedule_id::uuid, r.starts_at::timestamptz, r.closes_at::timestamptz,
                       r.assessment_id::uuid, now(), now(), 0
                FROM unnest(CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]), CAST(?5 AS text[]),
                            CAST(?6 AS text[])) AS r(id, schedule_id, starts_at, closes_at, assessment_id)""")
                .setParameter(1, tenantId).setParameter(2, ids).setParameter(3, schedules).setParameter(4, starts)
                .setParameter(5, closes).setParameter(6, assessments).executeUpdate();
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /**
     * Invites the teams of the tenant's rounds that are not fully invited yet, and whose members' mailboxes asked for
     * no wait; @return the seats whose mail went out
     */
    public int inviteDue(String tenantId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> uninvited = work.call(tenantId, () -> entityManager.createNativeQuery("""
                SELECT id, assessment_id FROM schedule_round WHERE invited_at IS NULL AND closes_at > ?1
                  AND (invite_retry_at IS NULL OR invite_retry_at <= ?1)
                ORDER BY closes_at, id LIMIT ?2""")
                .setParameter(1, now).setParameter(2, ROUNDS_TO_INVITE_PER_TICK).getResultList());
        int mailed = 0;
        for (Object[] round : uninvited) {
            Sent outcome = work.call(tenantId, () -> invite((UUID) round[0], (UUID) round[1], now));
            mailed += outcome.taken().size();
            if (outcome.taken().isEmpty() && outcome.unreachable() > 0) {
                LOG.warnf("Invitations of tenant %s wait for the mail server: %d not taken", tenantId,
                        outcome.unreachable());
                break; // no server answered: it is likely down, and the next tick tries again
            }
        }
        return mailed;
    }

    /**
     * Invites the round's members who hold no seat. The round is fully invited when every mail was taken or refused
     * for good (a mailbox that does not exist is not mailed again by the schedule: the lead can invite the member by
     * hand once the address is mended). A mailbox that deferred its mail makes the round wait before the next try,
     * longer after each deferral; a server that did not answer is tried again by the next tick.
     */
    private Sent invite(UUID roundId, UUID assessmentId, Instant now) {
        // Held while the invitations are issued and mailed (in transactions of their own): one replica per round.
        @SuppressWarnings("unchecked")
        List<Number> claimed = entityManager.createNativeQuery("""
                SELECT invite_deferrals FROM schedule_round WHERE id = ?1 AND invited_at IS NULL
                FOR UPDATE SKIP LOCKED""").setParameter(1, roundId).getResultList();
        if (claimed.isEmpty()) {
            return Sent.NONE;
        }
        Sent outcome;
        try {
            outcome = issuer.inviteTeam(assessmentId);
        } catch (ProblemException e) {
            outcome = Sent.NONE; // closed by hand meanwhile: nobody is to be invited any more
        }
        if (outcome.deferred().isEmpty() && outcome.unreachable() == 0) {
            entityManager.createNativeQuery("UPDATE schedule_round SET invited_at = ?1, invite_retry_at = NULL,"
                    + " updated_at = now(), version = version + 1 WHERE id = ?2").setParameter(1, now)
                    .setParameter(2, roundId).executeUpdate();
        } else if (outcome.unreachable() == 0) {
            int deferrals = claimed.get(0).intValue() + 1;
            entityManager.createNativeQuery("UPDATE schedule_round SET invite_deferrals = ?1, invite_retry_at = ?2,"
                    + " updated_at = now(), version = version + 1 WHERE id = ?3").setParameter(1, deferrals)
                    .setParameter(2, now.plus(InvitationMails.retryDelay(deferrals))).setParameter(3, roundId)
                    .executeUpdate();
        }
        return outcome;
    }
}
