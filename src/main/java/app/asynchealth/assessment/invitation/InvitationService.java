package app.asynchealth.assessment.invitation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationView;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitation;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitations;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.team.TeamMemberRepository;

/**
 * Invitations: one seat per member and assessment, with a one-time claim code that is shown once and stored as a hash.
 * Whoever invites never holds anything that reads or changes answers: the code only buys the respondent their own
 * credential ({@link InvitationClaims}). Pending codes may be revoked or reissued; a claimed seat belongs to its
 * respondent and is neither.
 */
@ApplicationScoped
@Transactional
public class InvitationService {

    static final String LIST = "invitations";

    private final InvitationRepository invitations;
    private final AssessmentAccess access;
    private final TeamMemberRepository members;
    private final Pagination pagination;
    private final Clock clock;

    InvitationService(InvitationRepository invitations, AssessmentAccess access, TeamMemberRepository members,
            Pagination pagination, Clock clock) {
        this.invitations = invitations;
        this.access = access;
        this.members = members;
        this.pagination = pagination;
        this.clock = clock;
    }

    public IssuedInvitations issue(UUID assessmentId, List<UUID> memberIds) {
        Assessment assessment = invitable(assessmentId);
        List<UUID> wanted;
        if (memberIds == null) {
            wanted = members.list("teamId = ?1 order by id", assessment.teamId).stream().map(member -> member.id).toList();
        } else {
            wanted = memberIds.stream().distinct().toList();
            for (int i = 0; i < memberIds.size(); i++) {
                if (members.inTeam(assessment.teamId, memberIds.get(i)).isEmpty()) {
                    throw ProblemException.invalid("memberIds[" + i + "]", "is not a member of this assessment's team");
                }
            }
        }
        Set<UUID> alreadyInvited = new HashSet<>(invitations.seatedMembers(assessmentId));
        List<IssuedInvitation> issued = new ArrayList<>();
        List<UUID> skipped = new ArrayList<>();
        for (UUID memberId : wanted) {
            if (alreadyInvited.contains(memberId)) {
                skipped.add(memberId);
            } else {
                issued.add(newInvitation(assessment, memberId));
            }
        }
        invitations.flush();
        return new IssuedInvitations(issued, skipped);
    }

    public Page<InvitationView> list(UUID assessmentId, PageRequest request) {
        access.manageable(assessmentId);
        return pagination.page(LIST + ":" + assessmentId, request, invitations.page(assessmentId, request),
                invitation -> invitation.id.toString(), InvitationView::of);
    }

    /** Withdraws a code nobody has claimed yet. A claimed seat is its respondent's: refused. */
    public InvitationView revoke(UUID assessmentId, UUID invitationId) {
        access.manageable(assessmentId);
        Invitation invitation = findForUpdate(assessmentId, invitationId);
        refuseIfClaimed(invitation);
        if (invitation.status == InvitationStatus.PENDING) {
            invitation.revoke(clock.instant());
            invitations.flush();
        }
        return InvitationView.of(invitation);
    }

    /**
     * A new code for a member whose code was lost or revoked before anyone claimed it; the old code dies. It never
     * reaches answers: a claimed seat is refused, and a pending seat has none (answering needs a claim).
     */
    public IssuedInvitation reissue(UUID assessmentId, UUID invitationId) {
        Assessment assessment = invitable(assessmentId);
        Invitation old = findForUpdate(assessmentId, invitationId);
        refuseIfClaimed(old);
        if (old.status == InvitationStatus.PENDING) {
            old.revoke(clock.instant());
            invitations.flush(); // the partial unique index admits one live seat per member
        } else {
            invitations.liveSeatForUpdate(assessmentId, old.memberId).ifPresent(live -> {
                throw new ProblemException(ProblemType.CONFLICT, "The member holds a newer invitation ("
                        + live.id + "); reissue that one if nobody has claimed it.");
            });
        }
        IssuedInvitation issued = newInvitation(assessment, old.memberId);
        invitations.flush();
        return issued;
    }

    private static void refuseIfClaimed(Invitation invitation) {
        if (invitation.status == InvitationStatus.CLAIMED) {
            throw new ProblemException(ProblemType.CONFLICT, "This invitation was claimed by its respondent. A claimed"
                    + " invitation belongs to them: it can be neither revoked nor reissued, and nobody else can answer in it.");
        }
    }

    private IssuedInvitation newInvitation(Assessment assessment, UUID memberId) {
        String code = ClaimCodes.newCode(assessment.tenantId);
        Invitation invitation = new Invitation();
        invitation.assessmentId = assessment.id;
        invitation.memberId = memberId;
        invitation.expiresAt = assessment.closesAt;
        invitation.codeHash = TokenHashes.sha256(code);
        invitations.persist(invitation);
        return new IssuedInvitation(invitation.id, memberId, code, invitation.expiresAt);
    }

    private Assessment invitable(UUID assessmentId) {
        Assessment assessment = access.manageable(assessmentId);
        if (assessment.status == AssessmentStatus.CLOSED) {
            throw new ProblemException(ProblemType.CONFLICT, "The assessment is closed; nobody can answer it any more.");
        }
        return assessment;
    }

    private Invitation findForUpdate(UUID assessmentId, UUID invitationId) {
        Invitation invitation = invitations.inAssessment(assessmentId, invitationId)
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
        invitations.getEntityManager().refresh(invitation, LockModeType.PESSIMISTIC_WRITE); // a claim may be under way
        return invitation;
    }

}
