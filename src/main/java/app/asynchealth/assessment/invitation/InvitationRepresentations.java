package app.asynchealth.assessment.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class InvitationRepresentations {

    private InvitationRepresentations() {
    }

    @Schema(name = "Invitation", description = "A member's seat in an assessment. Its claim code is shown once, when issued; a claimed seat belongs to its respondent and can be neither revoked nor reissued.")
    public record InvitationView(UUID id, UUID assessmentId, UUID memberId,
            @Schema(description = "pending: the code waits to be claimed; claimed: the respondent holds the seat's only credential; revoked: the code was withdrawn before anyone claimed it") InvitationStatus status,
            Instant expiresAt, Instant createdAt, Instant claimedAt, Instant revokedAt) {

        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id, invitation.assessmentId, invitation.memberId, invitation.status,
                    invitation.expiresAt, invitation.createdAt, invitation.claimedAt, invitation.revokedAt);
        }
    }

    @Schema(name = "IssuedInvitation", description = "A new invitation with its one-time claim code. The code is not shown again. Pass it to the member, who claims it (POST /api/v1/invitation-claims) for a credential only they hold; the code reads and changes nothing, and dies when claimed.")
    public record IssuedInvitation(UUID id, UUID memberId,
            @Schema(description = "One-time claim code, exchanged by the member at POST /api/v1/invitation-claims") String code,
            Instant expiresAt) {
    }

    @Schema(name = "InvitationRequest")
    public record InvitationRequest(
            @Schema(description = "The members to invite; all of the team's members when absent") @Size(max = 1000) List<@NotNull UUID> memberIds) {
    }

    @Schema(name = "IssuedInvitations")
    public record IssuedInvitations(List<IssuedInvitation> issued,
            @Schema(description = "Members skipped because they already hold a pending or claimed seat (reissue a pending one for a new code)") List<UUID> alreadyInvited) {
    }

    @Schema(name = "InvitationPage")
    public record InvitationPage(List<InvitationView> items, String nextCursor) {
    }

    @Schema(name = "InvitationClaimRequest")
    public record ClaimRequest(
            @Schema(description = "The claim code the member received") @NotBlank @Size(max = 200) String code) {
    }

    @Schema(name = "RespondentCredential", description = "The respondent's own credential, given once to whoever claims the code. Nobody else holds it: keep it to read, change or withdraw your answers.")
    public record RespondentCredential(UUID assessmentId,
            @Schema(description = "Bearer token for PUT/GET/DELETE /api/v1/assessments/{assessmentId}/response") String token,
            Instant expiresAt) {
    }
}
