package app.asynchealth.assessment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.ParticipationRepresentations.Counts;
import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class AssessmentRepository implements PanacheRepositoryBase<Assessment, UUID> {

    static final String MEMBER_OF_TEAM = "exists (from TeamMember m where m.teamId = a.teamId and m.subject = :subject)";

    /**
     * @param subject when not null, only assessments of teams the subject is a member of
     */
    public List<Assessment> page(PageRequest request, UUID teamId, AssessmentStatus status, String subject) {
        StringBuilder query = new StringBuilder("from Assessment a where 1 = 1");
        Parameters parameters = new Parameters();
        request.after().ifPresent(after -> {
            query.append(" and a.id > :after");
            parameters.and("after", UUID.fromString(after));
        });
        if (teamId != null) {
            query.append(" and a.teamId = :team");
            parameters.and("team", teamId);
        }
        if (status != null) {
            query.append(" and a.status = :status");
            parameters.and("status", status);
        }
        if (subject != null) {
            query.append(" and ").append(MEMBER_OF_TEAM);
            parameters.and("subject", subject);
        }
        return find(query.append(" order by a.id").toString(), parameters).range(0, request.fetchSize() - 1).list();
    }

    /** Drafts whose opening time has come and open assessments whose closing time has passed. */
    public List<Assessment> due(Instant now) {
        // Locked, skipping rows a request or another replica is changing right now: they are taken on the next tick.
        return find("(status = ?1 and opensAt <= ?3 and closesAt > ?3) or (status = ?2 and closesAt <= ?3)",
                AssessmentStatus.DRAFT, AssessmentStatus.OPEN, now)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2)
                .list();
    }

    /** The open assessments of the teams the subject is a member of, soonest closing first. */
    public List<Assessment> openForMember(String subject, int limit) {
        return find("from Assessment a where a.status = :status and " + MEMBER_OF_TEAM + " order by a.closesAt, a.id",
                Parameters.with("status", AssessmentStatus.OPEN).and("subject", subject)).range(0, limit - 1).list();
    }

    public long submittedCount(UUID assessmentId) {
        return getEntityManager().createQuery(
                "select count(r) from AssessmentResponse r where r.assessmentId = :id and r.status = app.asynchealth.response.ResponseStatus.SUBMITTED",
                Long.class).setParameter("id", assessmentId).getSingleResult();
    }

    /** A team's rounds that were opened (open or closed), newest first. */
    public List<Assessment> openedRoundsOf(UUID teamId, int limit) {
        return find("teamId = ?1 and status <> ?2 order by opensAt desc, id desc", teamId, AssessmentStatus.DRAFT)
                .range(0, limit - 1).list();
    }

    /**
     * Seats (not revoked), claimed seats and submitted responses of these assessments, two grouped queries whatever
     * their number. Assessments with none are absent.
     */
    Map<UUID, Counts> participation(List<UUID> assessmentIds) {
        if (assessmentIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object[] row : getEntityManager().createQuery(
                "select i.assessmentId, count(i), sum(case when i.status = app.asynchealth.assessment.invitation.InvitationStatus.CLAIMED then 1 else 0 end)"
                        + " from Invitation i where i.assessmentId in :ids and i.status <> app.asynchealth.assessment.invitation.InvitationStatus.REVOKED"
                        + " group by i.assessmentId", Object[].class).setParameter("ids", assessmentIds).getResultList()) {
            long[] c = counts.computeIfAbsent((UUID) row[0], id -> new long[3]);
            c[0] = ((Number) row[1]).longValue();
            c[1] = ((Number) row[2]).longValue();
        }
        for (Object[] row : getEntityManager().createQuery(
                "select r.assessmentId, count(r) from AssessmentResponse r where r.assessmentId in :ids"
                        + " and r.status = app.asynchealth.response.ResponseStatus.SUBMITTED group by r.assessmentId",
                Object[].class).setParameter("ids", assessmentIds).getResultList()) {
            counts.computeIfAbsent((UUID) row[0], id -> new long[3])[2] = ((Number) row[1]).longValue();
        }
        Map<UUID, Counts> result = new HashMap<>();
        counts.forEach((id, c) -> result.put(id, new Counts(c[0], c[1], c[2])));
        return result;
    }

    /** Members holding a seat: a pending invitation, or one claimed by code or by their own account. */
    public long seatCount(UUID assessmentId) {
        return getEntityManager().createQuery(
                "select count(i) from Invitation i where i.assessmentId = :id and i.status <> app.asynchealth.assessment.invitation.InvitationStatus.REVOKED",
                Long.class).setParameter("id", assessmentId).getSingleResult();
    }

    /**
     * Held (shared) by every write of answers until it commits: writes to one assessment do not wait for each other,
     * and a close ({@link #awaitAnswersInFlight}) waits for them all. An advisory lock rather than the row's FOR SHARE:
     * PostgreSQL queues it fairly, so a close waiting for it holds back later writes instead of being starved by them.
     */
    public void lockForAnswers(UUID assessmentId) {
        getEntityManager().createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock_shared(hashtextextended('answers:' || :id, 0))")
                .setParameter("id", assessmentId.toString()).getSingleResult();
    }

    /**
     * For a close: waits until every write of answers that began has committed, and holds back the next ones until
     * this transaction ends; they then see the assessment closed. Take it after the row lock, before the close's time.
     */
    public void awaitAnswersInFlight(UUID assessmentId) {
        getEntityManager().createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('answers:' || :id, 0))")
                .setParameter("id", assessmentId.toString()).getSingleResult();
    }

    /** Each team's most recent closed assessment: the round that speaks for the team today. */
    public List<Assessment> latestClosedPerTeam() {
        return list("""
                from Assessment a where a.status = ?1
                  and a.closedAt = (select max(b.closedAt) from Assessment b where b.teamId = a.teamId and b.status = ?1)
                order by a.teamId, a.id""", AssessmentStatus.CLOSED);
    }

    /**
     * Gives the current tenant's committed closed assessments that have none a feed position, above every position
     * given before. A per-tenant lock makes the calls take turns, and each sees what committed before it, so a result
     * that becomes visible later always sorts later: a feed cursor never skips it. Run it in a short transaction.
     */
    public void assignFeedPositions(String tenantId) {
        getEntityManager().createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('feed:' || :tenant, 0))")
                .setParameter("tenant", tenantId).getSingleResult();
        getEntityManager().createNativeQuery("""
                UPDATE assessment a SET feed_position = o.position
                FROM (SELECT id, nextval('assessment_feed_position_seq') AS position
                      FROM (SELECT id FROM assessment WHERE status = 'CLOSED' AND feed_position IS NULL
                            ORDER BY closed_at, id) ordered) o
                WHERE a.id = o.id""").executeUpdate();
    }
}
