package app.asynchealth.assessment.invitation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    public List<Invitation> page(UUID assessmentId, PageRequest request) {
        Parameters parameters = Parameters.with("assessment", assessmentId);
        String query = "assessmentId = :assessment";
        if (request.after().isPresent()) {
            query += " and id > :after";
            parameters.and("after", request.afterId().get());
        }
        return find(query + " order by id", parameters).range(0, request.fetchSize() - 1).list();
    }

    public Optional<Invitation> inAssessment(UUID assessmentId, UUID invitationId) {
        return find("assessmentId = ?1 and id = ?2", assessmentId, invitationId).firstResultOptional();
    }

    /** The members holding a live (pending or claimed) seat in the assessment. */
    public List<UUID> seatedMembers(UUID assessmentId) {
        return getEntityManager().createQuery("select i.memberId from Invitation i where i.assessmentId = :a and i.status <> :s",
                UUID.class).setParameter("a", assessmentId).setParameter("s", InvitationStatus.REVOKED).getResultList();
    }

    /** The members whose mailbox refused an invitation to the assessment for good. */
    public List<UUID> membersRefusedForGood(UUID assessmentId) {
        return getEntityManager().createQuery("select distinct i.memberId from Invitation i where i.assessmentId = :a"
                + " and i.revokedBecause = :because", UUID.class).setParameter("a", assessmentId)
                .setParameter("because", InvitationRevocation.MAILBOX_REFUSED).getResultList();
    }

    /** The member's live seat, locked: claims and answers by account take their turn. */
    public Optional<Invitation> liveSeatForUpdate(UUID assessmentId, UUID memberId) {
        return find("assessmentId = ?1 and memberId = ?2 and status <> ?3", assessmentId, memberId, InvitationStatus.REVOKED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Invitation> liveSeat(UUID assessmentId, UUID memberId) {
        return find("assessmentId = ?1 and memberId = ?2 and status <> ?3", assessmentId, memberId, InvitationStatus.REVOKED)
                .firstResultOptional();
    }

    /**
     * The pending seat with this code, locked so that two claims of one code cannot both succeed (native SQL, as
     * {@link #claimedByForUpdate}).
     */
    public Optional<Invitation> pendingByCodeForUpdate(String codeHash) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM invitation WHERE code_hash = ?1 AND status = 'PENDING' LIMIT 1 FOR NO KEY UPDATE""",
                Invitation.class)
                .setParameter(1, codeHash)
                .getResultStream().findFirst().map(Invitation.class::cast);
    }

    /**
     * The seat the claimant holds, locked: the claimant's writes take their turn. Native SQL because Hibernate 7.2
     * caches no plan for an HQL query with a pessimistic lock and translates it anew on every execution (13 % of a
     * submission's CPU, with the response lock below); the SQL is what Hibernate generated for it.
     */
    public Optional<Invitation> claimedByForUpdate(UUID assessmentId, String claimantHash) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM invitation WHERE assessment_id = ?1 AND claimant_hash = ?2 AND status = 'CLAIMED'
                LIMIT 1 FOR NO KEY UPDATE""", Invitation.class)
                .setParameter(1, assessmentId).setParameter(2, claimantHash)
                .getResultStream().findFirst().map(Invitation.class::cast);
    }

    /** The claimed seat a claim with a claim key made: its retry knows the tenant from the code, not the assessment. */
    public Optional<Invitation> claimedByClaimant(String claimantHash) {
        return getEntityManager().createNativeQuery(
                "SELECT * FROM invitation WHERE claimant_hash = ?1 AND status = 'CLAIMED' LIMIT 1", Invitation.class)
                .setParameter(1, claimantHash)
                .getResultStream().findFirst().map(Invitation.class::cast);
    }

    /**
     * Serialises, until commit, the transactions that may create the member's seat in the assessment, whether or not
     * a seat row exists yet to lock.
     */
    public void lockSeatOf(UUID assessmentId, UUID memberId) {
        getEntityManager().createNativeQuery(
                "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('seat:' || :assessment || ':' || :member, 0))")
                .setParameter("assessment", assessmentId.toString()).setParameter("member", memberId.toString())
                .getSingleResult();
    }

    public Optional<Invitation> claimedBy(UUID assessmentId, String claimantHash) {
        return find("assessmentId = ?1 and claimantHash = ?2 and status = ?3", assessmentId, claimantHash,
                InvitationStatus.CLAIMED).firstResultOptional();
    }
}
