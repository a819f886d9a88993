package app.asynchealth.assessment.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.invitation.InvitationRepresentations.RespondentCredential;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.ServiceTokens;
import app.asynchealth.platform.security.TenantStatuses;
import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.platform.tenancy.TenantWork;

/**
 * The respondent's side of an invitation: a claim code, used once, buys its holder a credential that nobody else
 * ever sees. The claim is anonymous (the code is the proof), so it binds itself to the tenant the code names.
 */
@ApplicationScoped
public class InvitationClaims {

    /** Respondents may read their own answers for a while after the assessment closes. */
    static final Duration READ_AFTER_CLOSE = Duration.ofDays(90);
    static final String NO_INVITATION = "No invitation waits for this code: it was never issued, was revoked or replaced,"
            + " or has been claimed already. Ask for a new one if you have not claimed it yourself.";

    private final InvitationRepository invitations;
    private final AssessmentRepository assessments;
    private final ServiceTokens tokens;
    private final TenantWork tenantWork;
    private final TenantStatuses tenants;
    private final Clock clock;

    InvitationClaims(InvitationRepository invitations, AssessmentRepository assessments, ServiceTokens tokens,
            TenantWork tenantWork, TenantStatuses tenants, Clock clock) {
        this.invitations = invitations;
        this.assessments = assessments;
        this.tokens = tokens;
        this.tenantWork = tenantWork;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Exchanges the code for a credential. With a claim key (a secret the claimer's client made and keeps), the same
     * code and key may be sent again after a lost reply and yield the credential of the same seat; with another key,
     * or none, a claimed code claims nothing.
     */
    public RespondentCredential claim(String code, Optional<String> claimKey) {
        String tenant = ClaimCodes.tenantOf(code)
                .orElseThrow(() -> ProblemException.invalid("code", "is not a claim code"));
        if (!tenants.active(tenant)) {
            throw new ProblemException(ProblemType.NOT_FOUND, NO_INVITATION); // a disabled tenant's codes claim nothing
        }
        return tenantWork.call(tenant, () -> claimInTenant(tenant, code, claimKey));
    }

    private RespondentCredential claimInTenant(String tenant, String code, Optional<String> claimKey) {
        String credentialId = claimKey.map(key -> ClaimCodes.credentialIdFor(code, key))
                .orElseGet(ClaimCodes::randomSecret);
        String claimantHash = Claimant.credential(credentialId).hash();
        Optional<Invitation> pending = invitations.pendingByCodeForUpdate(TokenHashes.sha256(code));
        // Not pending: claimed already, perhaps by this very claimer whose reply was lost (then the key matches).
        Invitation seat = pending
                .or(() -> claimKey.flatMap(key -> invitations.claimedByClaimant(claimantHash)))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, NO_INVITATION));
        Instant now = clock.instant();
        Assessment assessment = assessments.findByIdOptional(seat.assessmentId)
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
        if (assessment.status == AssessmentStatus.CLOSED || !now.isBefore(assessment.closesAt)) {
            throw new ProblemException(ProblemType.CONFLICT, "The assessment is closed; the invitation can no longer be claimed.");
        }
        if (pending.isPresent()) {
            seat.claim(claimantHash, now);
            invitations.flush();
        }
        Instant expiresAt = assessment.closesAt.plus(READ_AFTER_CLOSE);
        return new RespondentCredential(assessment.id,
                tokens.mintRespondent(credentialId, tenant, assessment.id, expiresAt), expiresAt);
    }
}
