package app.asynchealth.assessment.invitation;

import java.util.UUID;

import app.asynchealth.platform.security.TokenHashes;

/**
 * Whoever has claimed a seat, as a secret only their credential yields: the random secret inside the respondent
 * credential that a claim code was exchanged for, or the member's own account on that seat. A seat keeps only the
 * SHA-256 of it; the response slot is derived from it too, so nothing the issuer holds leads to the answers.
 */
public record Claimant(String secret) {

    /** The holder of a respondent credential, known by the credential's random id. */
    public static Claimant credential(String credentialId) {
        return new Claimant("credential:" + credentialId);
    }

    /** A member answering with their own account; bound to the account's subject at the time of the claim. */
    public static Claimant account(UUID memberId, String subject) {
        return new Claimant("account:" + memberId + ":" + subject);
    }

    public String hash() {
        return TokenHashes.sha256(secret);
    }

    public boolean holds(Invitation seat) {
        return seat.status == InvitationStatus.CLAIMED && TokenHashes.matches(secret, seat.claimantHash);
    }

    @Override
    public String toString() {
        return "Claimant[…]"; // never in a log line
    }
}
