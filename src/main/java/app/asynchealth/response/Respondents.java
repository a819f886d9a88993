package app.asynchealth.response;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.invitation.Claimant;
import app.asynchealth.assessment.invitation.Invitation;
import app.asynchealth.assessment.invitation.InvitationDelivery;
import app.asynchealth.assessment.invitation.InvitationRepository;
import app.asynchealth.assessment.invitation.InvitationStatus;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.security.ServiceTokens;
import app.asynchealth.team.TeamMember;
import app.asynchealth.team.TeamMemberRepository;

/**
 * Finds the caller's slot, through the seat they claimed. A respondent credential (from a claimed code) reaches the
 * seat whose claimant it is; a member's own account claims the member's seat on first answering, and from then on is
 * the only way in. A seat claimed one way never opens the other way, so whoever issued a code, or whoever could change
 * the member's account link afterwards, never reaches answers given through the other credential.
 */
@RequestScoped
public class Respondents {

    private static final String CLAIMED_BY_CODE = "Your seat in this assessment was claimed with an invitation code"
            + " (or by an earlier link of your account). Only the credential that claimed it reaches its answers.";

    private final Caller caller;
    private final JsonWebToken token;
    private final AssessmentRepository assessments;
    private final InvitationRepository seats;
    private final TeamMemberRepository members;
    private final ResponseSlots slots;
    private final Clock clock;

    Respondents(Caller caller, JsonWebToken token, AssessmentRepository assessments, InvitationRepository seats,
            TeamMemberRepository members, ResponseSlots slots, Clock clock) {
        this.caller = caller;
        this.token = token;
        this.assessments = assessments;
        this.seats = seats;
        this.members = members;
        this.slots = slots;
        this.clock = clock;
    }

    /** The caller's respondent seat; an account without a seat yet gets one only when {@code claim} (answering). */
    public Respondent resolve(UUID assessmentId, boolean claim) {
        if (caller.hasRole(Roles.RESPONDENT)) {
            return byCredential(assessmentId, claim);
        }
        Assessment assessment = assessments.findByIdOptional(assessmentId)
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        TeamMember member = memberOf(assessment).orElseThrow(() -> ProblemException.notFound("Assessment"));
        return byAccount(assessment, member, claim);
    }

    /** The caller's membership of the assessment's team, matched on the token's subject. */
    public Optional<TeamMember> memberOf(Assessment assessment) {
        return members.find("teamId = ?1 and subject = ?2", assessment.teamId, caller.subject()).firstResultOptional();
    }

    /** Where the caller's account stands in an assessment of their team. */
    public record AccountSeat(boolean claimedByCode, Optional<String> slot) {
    }

    /** For listing the caller's assessments; claims nothing. */
    public AccountSeat accountSeat(Assessment assessment, TeamMember member) {
        Optional<Invitation> seat = seats.liveSeat(assessment.id, member.id);
        if (seat.isEmpty() || seat.get().status != InvitationStatus.CLAIMED) {
            return new AccountSeat(false, Optional.empty());
        }
        Claimant claimant = Claimant.account(member.id, caller.subject());
        return claimant.holds(seat.get()) ? new AccountSeat(false, Optional.of(slots.slotFor(assessment.id, claimant)))
                : new AccountSeat(true, Optional.empty());
    }

    /**
     * For showing an account its round without claiming anything: the assessment, when it is one of the caller's teams'
     * and their seat is not held by a claimed code.
     *
     * @throws ProblemException NOT_FOUND when it is no assessment of the caller's teams, CONFLICT when the caller's seat
     *         was claimed with an invitation code (a seat claimed one way never opens the other way)
     */
    public Assessment accountRound(UUID assessmentId) {
        Assessment assessment = assessments.findByIdOptional(assessmentId)
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        TeamMember member = memberOf(assessment).orElseThrow(() -> ProblemException.notFound("Assessment"));
        if (accountSeat(assessment, member).claimedByCode()) {
            throw new ProblemException(ProblemType.CONFLICT, CLAIMED_BY_CODE);
        }
        return assessment;
    }

    private Respondent byCredential(UUID assessmentId, boolean write) {
        if (!assessmentId.toString().equals(token.getClaim(ServiceTokens.ASSESSMENT_CLAIM))) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This credential is for another assessment.");
        }
        Claimant claimant = Claimant.credential(token.getTokenID());
        // Writes lock the seat: the same respondent's parallel first PUTs queue up, and the later ones find the
        // response the first one created instead of inserting a second one into its slot.
        if (token.getTokenID() == null || (write ? seats.claimedByForUpdate(assessmentId, claimant.hash())
                : seats.claimedBy(assessmentId, claimant.hash())).isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This credential no longer answers this assessment.");
        }
        if (write) {
            // The answers lock comes after the seat's (the order every write takes them in), and the assessment is
            // read once, after it: that read is current as of the lock, so the write needs no second one.
            assessments.lockForAnswers(assessmentId);
        }
        Assessment assessment = assessments.findByIdOptional(assessmentId)
                .orElseThrow(() -> ProblemException.notFound("Assessment"));
        return new Respondent(assessment, slots.slotFor(assessmentId, claimant), write);
    }

    private Respondent byAccount(Assessment assessment, TeamMember member, boolean claim) {
        if (claim) {
            // The seat may not exist yet, so there is no row to lock: the member's writes take turns on a lock of
            // their own, and a parallel first answer finds the seat (and response) the first one made.
            seats.lockSeatOf(assessment.id, member.id);
        }
        Optional<Invitation> live = claim ? seats.liveSeatForUpdate(assessment.id, member.id)
                : seats.liveSeat(assessment.id, member.id);
        if (live.isPresent() && live.get().status == InvitationStatus.CLAIMED) {
            Claimant claimant = Claimant.account(member.id, caller.subject());
            if (!claimant.holds(live.get())) {
                throw new ProblemException(ProblemType.CONFLICT, CLAIMED_BY_CODE);
            }
            return new Respondent(assessment, slots.slotFor(assessment.id, claimant));
        }
        if (!claim) {
            throw ProblemException.notFound("Response"); // nothing claimed, so nothing answered
        }
        Claimant claimant = Claimant.account(member.id, caller.subject());
        Invitation seat = live.orElseGet(Invitation::new);
        seat.claim(claimant.hash(), clock.instant()); // a pending code dies: the account holds the seat now
        if (live.isEmpty()) {
            seat.assessmentId = assessment.id;
            seat.memberId = member.id;
            seat.expiresAt = assessment.closesAt;
            seat.delivery = InvitationDelivery.ACCOUNT;
            seats.persist(seat);
        }
        seats.flush();
        return new Respondent(assessment, slots.slotFor(assessment.id, claimant));
    }
}
