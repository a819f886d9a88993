package app.asynchealth.assessment.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

public final class InvitationRepresentations {

    private InvitationRepresentations() {
    }

    @Schema(name = "Invitation", description = "A member's seat in an assessment. Its claim code is shown once, when issued; a claimed seat belongs to its respondent and can be neither revoked nor reissued.")
    public record InvitationView(@Schema(required = true) UUID id, @Schema(required = true) UUID assessmentId, UUID memberId,
            @Schema(description = "pending: the code waits to be claimed; claimed: the respondent holds the seat's only credential; revoked: the code was withdrawn before anyone claimed it") InvitationStatus status,
            @Schema(description = "code: the claim code was returned to whoever invited; email: the service e-mailed it to the member, nobody else saw it; account: no code, the member's own account took the seat") InvitationDelivery delivery,
            Instant expiresAt, Instant createdAt, Instant claimedAt, Instant revokedAt,
            @Schema(description = "Why a revoked invitation was revoked (absent otherwise, and for invitations revoked before this was recorded). withdrawn: by a lead or tenant admin; reissued: a reissue replaced it; mailbox-refused: the member's mail server refused the address for good (no such mailbox): mend the member's address, then invite them again (a scheduled round does not mail them again); mail-not-taken: the mail server deferred the mail or did not answer, so nobody holds the code: invite again (a scheduled round tries again by itself)") InvitationRevocation revokedBecause) {

        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id, invitation.assessmentId, invitation.memberId, invitation.status,
                    invitation.delivery, invitation.expiresAt, invitation.createdAt, invitation.claimedAt,
                    invitation.revokedAt, invitation.revokedBecause);
        }
    }

    @Schema(name = "IssuedInvitation", description = "A new invitation. By e-mail, the service sent the member their one-time claim code and nobody else sees it; by code, the code is here, once: pass it to the member, who claims it (POST /api/v1/invitation-claims) for a credential only they hold. A code reads and changes nothing, and dies when claimed.")
    public record IssuedInvitation(UUID id, UUID memberId, InvitationDelivery delivery,
            @Schema(description = "The one-time claim code; only with delivery code") String code,
            Instant expiresAt) {
    }

    @Schema(name = "InvitationRequest")
    public record InvitationRequest(
            @Schema(description = "The members to invite; all of the team's members when absent") @Size(max = 1000) List<@NotNull UUID> memberIds,
            @Schema(description = "email: the service e-mails each member their code (the default where e-mail is configured); code: the codes come back in this response for you to pass on (the default elsewhere)") RequestedDelivery delivery) {
    }

    @Schema(name = "ReissueRequest")
    public record ReissueRequest(
            @Schema(description = "As for issuing: email or code") RequestedDelivery delivery) {
    }

    /** The deliveries a caller may ask for (an account seat is never issued). */
    public enum RequestedDelivery {
        @JsonProperty("email")
        EMAIL,
        @JsonProperty("code")
        CODE;

        InvitationDelivery delivery() {
            return this == EMAIL ? InvitationDelivery.EMAIL : InvitationDelivery.CODE;
        }
    }

    @Schema(name = "IssuedInvitations")
    public record IssuedInvitations(List<IssuedInvitation> issued,
            @Schema(description = "Members skipped because they already hold a pending or claimed seat (reissue a pending one for a new code)") List<UUID> alreadyInvited,
            @Schema(description = "By e-mail: members skipped because they have no e-mail address") List<UUID> withoutEmail,
            @Schema(description = "By e-mail: members whose mail the mail server did not take; they hold no invitation, so invite them again (their revoked invitation says why: revokedBecause, mailbox-refused or mail-not-taken)") List<UUID> undelivered) {
    }

    @Schema(name = "InvitationPage")
    public record InvitationPage(@Schema(required = true) List<InvitationView> items, String nextCursor) {
    }

    @Schema(name = "InvitationClaimRequest")
    public record ClaimRequest(
            @Schema(description = "The claim code the member received: the tenant, a dot and 43 random characters."
                    + " Anything else is refused with 400; a code of this shape that no invitation waits for (never issued,"
                    + " revoked, replaced, or claimed already without this claim key) with 404.", pattern = ClaimCodes.FORMAT, maxLength = 200)
            @NotBlank @Size(max = 200) String code,
            @Schema(description = "Optional, and recommended: a secret of the claiming client's own (at least 128 random bits, base64url), kept until the client holds the credential. Sending the same code with the same key again, after a reply that never arrived, returns a credential for the same seat and answers; without the key, nobody (not whoever saw the code) can.",
                    pattern = ClaimRequest.CLAIM_KEY, minLength = 22, maxLength = 128)
            @Pattern(regexp = ClaimRequest.CLAIM_KEY, message = "must be 22 to 128 base64url characters (at least 128 random bits)") String claimKey) {

        static final String CLAIM_KEY = "^[A-Za-z0-9_-]{22,128}$";
    }

    @Schema(name = "RespondentCredential", description = "The respondent's own credential, given once to whoever claims the code. Nobody else holds it: keep it to read, change or withdraw your answers.")
    public record RespondentCredential(UUID assessmentId,
            @Schema(description = "Bearer token for PUT/GET/DELETE /api/v1/assessments/{assessmentId}/response") String token,
            Instant expiresAt) {
    }

    @Schema(name = "Reminder", description = "A reminder to the members whose seat is still pending: each gets a fresh claim code by e-mail, the old one dead. Claimed seats get nothing (the service does not know who has submitted).")
    public record ReminderView(@Schema(required = true) UUID id, @Schema(required = true) UUID assessmentId,
            @Schema(required = true, description = "manual: asked for by the lead or a tenant admin; schedule: one of the team schedule's reminder offsets") ReminderOrigin origin,
            @Schema(required = true) Instant dueAt,
            @Schema(description = "Pending members reminded so far (their mail server took the mail)") int reminded,
            @Schema(description = "When every pending member with an e-mail address was reminded, or their mail refused for good by the mail server (a mailbox that does not exist: not retried, not counted in reminded); absent while some mails wait: for a mail server that does not answer (tried again every minute), or for a mailbox that deferred them (a full mailbox: tried again after 5 minutes, then at doubling intervals of at most an hour)") Instant doneAt) {
    }
}
