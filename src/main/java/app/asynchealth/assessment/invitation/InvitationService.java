package app.asynchealth.assessment.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationView;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.team.TeamMember;
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
    private final AssessmentRepository assessments;
    private final AssessmentAccess access;
    private final TeamMemberRepository members;
    private final Pagination pagination;
    private final Clock clock;

    InvitationService(InvitationRepository invitations, AssessmentRepository assessments, AssessmentAccess access,
            TeamMemberRepository members, Pagination pagination, Clock clock) {
        this.invitations = invitations;
        this.assessments = assessments;
        this.access = access;
        this.members = members;
        this.pagination = pagination;
        this.clock = clock;
    }

    /** A code just minted for a member, with what its delivery needs. Lives for one request; never stored. */
    public record NewCode(UUID invitationId, UUID memberId, String code, Instant expiresAt, String email,
            String displayName) {
    }

    /** What issuing did: codes minted, and the members left out. */
    public record Issue(Assessment assessment, List<NewCode> codes, List<UUID> alreadyInvited, List<UUID> withoutEmail) {
    }

    public Issue issue(UUID assessmentId, List<UUID> memberIds, InvitationDelivery delivery) {
        Assessment assessment = invitable(assessmentId);
        return issue(assessment, wanted(assessment, memberIds), delivery);
    }

    /**
     * The service's own invitation of every current member of a round's team, by e-mail (a scheduled round): no caller
     * to check. Members whose mailbox refused this round's invitation for good are passed by: mailing the same address
     * again would be refused again (a lead invites them by hand once the address is mended). In a transaction of its
     * own, so that the seats are committed before their mails go out.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Issue issueToTeam(UUID assessmentId) {
        Assessment assessment = assessments.findByIdOptional(assessmentId)
                .filter(found -> found.status == AssessmentStatus.OPEN)
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        Set<UUID> refused = new HashSet<>(invitations.membersRefusedForGood(assessmentId));
        List<TeamMember> wanted = wanted(assessment, null).stream().filter(member -> !refused.contains(member.id))
                .toList();
        return issue(assessment, wanted, InvitationDelivery.EMAIL);
    }

    /** The members asked for, each once, or the whole team when none are named. */
    private List<TeamMember> wanted(Assessment assessment, List<UUID> memberIds) {
        if (memberIds == null) {
            return members.list("teamId = ?1 order by id", assessment.teamId);
        }
        List<TeamMember> wanted = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i++) {
            TeamMember member = members.inTeam(assessment.teamId, memberIds.get(i)).orElseThrow(invalidMember(i));
            if (wanted.stream().noneMatch(known -> known.id.equals(member.id))) {
                wanted.add(member);
            }
        }
        return wanted;
    }

    private Issue issue(Assessment assessment, List<TeamMember> wanted, InvitationDelivery delivery) {
        UUID assessmentId = assessment.id;
        // Seats are created here and by members' first answers by account: take each member's seat lock (in one
        // order, so that two issuers never wait for each other), then see who is seated, so that neither side
        // races the other on the unique seat and gets 409.
        wanted.stream().map(member -> member.id).sorted().forEach(id -> invitations.lockSeatOf(assessmentId, id));
        Set<UUID> seated = new HashSet<>(invitations.seatedMembers(assessmentId));
        List<NewCode> codes = new ArrayList<>();
        List<UUID> alreadyInvited = new ArrayList<>();
        List<UUID> withoutEmail = new ArrayList<>();
        for (TeamMember member : wanted) {
            if (seated.contains(member.id)) {
                alreadyInvited.add(member.id);
            } else if (delivery == InvitationDelivery.EMAIL && (member.email == null || member.email.isBlank())) {
                withoutEmail.add(member.id);
            } else {
                codes.add(newInvitation(assessment, member, delivery));
            }
        }
        invitations.flush();
        return new Issue(assessment, codes, alreadyInvited, withoutEmail);
    }

    private static Supplier<ProblemException> invalidMember(int index) {
        return () -> ProblemException.invalid("memberIds[" + index + "]", "is not a member of this assessment's team");
    }

    /**
     * Mail the server did not take: nobody holds these codes, so the seats go, and the members may be invited again.
     * Each keeps why (a mailbox refused for good, or mail not taken). Committed at once, also when the caller holds a
     * transaction (the schedule's claim of a round).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void revokeUndelivered(UUID assessmentId, Map<UUID, InvitationRevocation> invitationIds) {
        Instant now = clock.instant();
        invitationIds.forEach((id, because) -> invitations.inAssessment(assessmentId, id)
                .filter(invitation -> invitation.status == InvitationStatus.PENDING)
                .ifPresent(invitation -> invitation.revoke(because, now)));
        invitations.flush();
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
            invitation.revoke(InvitationRevocation.WITHDRAWN, clock.instant());
            invitations.flush();
        }
        return InvitationView.of(invitation);
    }

    /**
     * A new code for a member whose code was lost or revoked before anyone claimed it; the old code dies. It never
     * reaches answers: a claimed seat is refused, and a pending seat has none (answering needs a claim).
     */
    public Issue reissue(UUID assessmentId, UUID invitationId, InvitationDelivery delivery) {
        Assessment assessment = invitable(assessmentId);
        Invitation old = findForUpdate(assessmentId, invitationId);
        refuseIfClaimed(old);
        if (old.status == InvitationStatus.PENDING) {
            old.revoke(InvitationRevocation.REISSUED, clock.instant());
            invitations.flush(); // the partial unique index admits one live seat per member
        } else {
            invitations.liveSeatForUpdate(assessmentId, old.memberId).ifPresent(live -> {
                throw new ProblemException(ProblemType.CONFLICT, "The member holds a newer invitation ("
                        + live.id + "); reissue that one if nobody has claimed it.");
            });
        }
        TeamMember member = members.inTeam(assessment.teamId, old.memberId)
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
        if (delivery == InvitationDelivery.EMAIL && (member.email == null || member.email.isBlank())) {
            throw ProblemException.invalid("delivery", "the member has no e-mail address");
        }
        NewCode code = newInvitation(assessment, member, delivery);
        invitations.flush();
        return new Issue(assessment, List.of(code), List.of(), List.of());
    }

    private static void refuseIfClaimed(Invitation invitation) {
        if (invitation.status == InvitationStatus.CLAIMED) {
            throw new ProblemException(ProblemType.CONFLICT, "This invitation was claimed by its respondent. A claimed"
                    + " invitation belongs to them: it can be neither revoked nor reissued, and nobody else can answer in it.");
        }
    }

    private NewCode newInvitation(Assessment assessment, TeamMember member, InvitationDelivery delivery) {
        String code = ClaimCodes.newCode(assessment.tenantId);
        Invitation invitation = new Invitation();
        invitation.assessmentId = assessment.id;
        invitation.memberId = member.id;
        invitation.expiresAt = assessment.closesAt;
        invitation.codeHash = TokenHashes.sha256(code);
        invitation.delivery = delivery;
        invitations.persist(invitation);
        return new NewCode(invitation.id, member.id, code, invitation.expiresAt, member.email, member.displayName);
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
