package app.asynchealth.assessment.invitation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationRepresentations.InvitationView;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitation;
import app.asynchealth.assessment.invitation.InvitationRepresentations.IssuedInvitations;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.ServiceTokens;
import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.response.ResponseSlots;
import app.asynchealth.team.TeamMemberRepository;

/** Invitations: one respondent token per member, shown once, stored as a hash, revocable and reissuable. */
@ApplicationScoped
@Transactional
public class InvitationService {

    static final String LIST = "invitations";

    private final InvitationRepository invitations;
    private final AssessmentAccess access;
    private final TeamMemberRepository members;
    private final ResponseSlots slots;
    private final ServiceTokens tokens;
    private final Pagination pagination;
    private final Clock clock;

    InvitationService(InvitationRepository invitations, AssessmentAccess access, TeamMemberRepository members,
            ResponseSlots slots, ServiceTokens tokens, Pagination pagination, Clock clock) {
        this.invitations = invitations;
        this.access = access;
        this.members = members;
        this.slots = slots;
        this.tokens = tokens;
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
        Set<UUID> alreadyInvited = new HashSet<>(invitations.invitedMembers(assessmentId));
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

    public InvitationView revoke(UUID assessmentId, UUID invitationId) {
        access.manageable(assessmentId);
        Invitation invitation = find(assessmentId, invitationId);
        if (invitation.status == InvitationStatus.ACTIVE) {
            invitation.revoke(clock.instant());
            invitations.flush();
        }
        return InvitationView.of(invitation);
    }

    /** Revokes the invitation (if still active) and issues the same member a new one: same slot, new token. */
    public IssuedInvitation reissue(UUID assessmentId, UUID invitationId) {
        Assessment assessment = invitable(assessmentId);
        Invitation old = find(assessmentId, invitationId);
        if (old.status == InvitationStatus.ACTIVE) {
            old.revoke(clock.instant());
            invitations.flush(); // the partial unique index admits one active invitation per member
        }
        IssuedInvitation issued = newInvitation(assessment, old.memberId);
        invitations.flush();
        return issued;
    }

    private IssuedInvitation newInvitation(Assessment assessment, UUID memberId) {
        Invitation invitation = new Invitation();
        invitation.assessmentId = assessment.id;
        invitation.memberId = memberId;
        invitation.expiresAt = assessment.closesAt;
        invitation.tokenHash = "";
        invitations.persist(invitation);
        String token = tokens.mintInvitation(invitation.id, assessment.tenantId, assessment.id,
                slots.slotFor(assessment.id, memberId), assessment.closesAt);
        invitation.tokenHash = TokenHashes.sha256(token);
        return new IssuedInvitation(invitation.id, memberId, token, invitation.expiresAt);
    }

    private Assessment invitable(UUID assessmentId) {
        Assessment assessment = access.manageable(assessmentId);
        if (assessment.status == AssessmentStatus.CLOSED) {
            throw new ProblemException(ProblemType.CONFLICT, "The assessment is closed; nobody can answer it any more.");
        }
        return assessment;
    }

    private Invitation find(UUID assessmentId, UUID invitationId) {
        return invitations.inAssessment(assessmentId, invitationId)
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
    }

    /** Used by the answering routes: the member an invitation token stands for, if it is still valid. */
    public static boolean stillValid(Invitation invitation, String rawToken, UUID assessmentId) {
        return invitation.status == InvitationStatus.ACTIVE && invitation.assessmentId.equals(assessmentId)
                && TokenHashes.matches(rawToken, invitation.tokenHash);
    }

}
