package app.asynchealth.response;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.invitation.InvitationRepository;
import app.asynchealth.assessment.invitation.InvitationService;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.security.ServiceTokens;
import app.asynchealth.team.TeamMember;
import app.asynchealth.team.TeamMemberRepository;

/**
 * Finds the caller's slot. An invitation token names its assessment and slot, and works while its invitation is
 * active; a member's own token works for the assessments of their teams, and leads to the same slot.
 */
@RequestScoped
public class Respondents {

    private final Caller caller;
    private final JsonWebToken token;
    private final AssessmentRepository assessments;
    private final InvitationRepository invitations;
    private final TeamMemberRepository members;
    private final ResponseSlots slots;

    Respondents(Caller caller, JsonWebToken token, AssessmentRepository assessments, InvitationRepository invitations,
            TeamMemberRepository members, ResponseSlots slots) {
        this.caller = caller;
        this.token = token;
        this.assessments = assessments;
        this.invitations = invitations;
        this.members = members;
        this.slots = slots;
    }

    public Respondent resolve(UUID assessmentId) {
        if (caller.hasRole(Roles.RESPONDENT)) {
            return byInvitation(assessmentId);
        }
        Assessment assessment = assessments.findByIdOptional(assessmentId)
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        TeamMember member = members.find("teamId = ?1 and subject = ?2", assessment.teamId, caller.subject())
                .firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        return new Respondent(assessment, slots.slotFor(assessment.id, member.id));
    }

    private Respondent byInvitation(UUID assessmentId) {
        if (!assessmentId.toString().equals(token.getClaim(ServiceTokens.ASSESSMENT_CLAIM))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This invitation is for another assessment.");
        }
        UUID invitationId = UUID.fromString(token.getTokenID());
        boolean valid = invitations.findByIdOptional(invitationId)
                .map(invitation -> InvitationService.stillValid(invitation, token.getRawToken(), assessmentId))
                .orElse(false);
        if (!valid) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This invitation was revoked or replaced.");
        }
        Assessment assessment = assessments.findByIdOptional(assessmentId)
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        return new Respondent(assessment, token.getClaim(ServiceTokens.SLOT_CLAIM));
    }
}
