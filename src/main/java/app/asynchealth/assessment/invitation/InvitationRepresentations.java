package app.asynchealth.assessment.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class InvitationRepresentations {

    private InvitationRepresentations() {
    }

    @Schema(name = "Invitation", description = "An invitation; its token is shown once, when issued")
    public record InvitationView(UUID id, UUID assessmentId, UUID memberId, InvitationStatus status, Instant expiresAt,
            Instant createdAt, Instant revokedAt) {

        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id, invitation.assessmentId, invitation.memberId, invitation.status,
                    invitation.expiresAt, invitation.createdAt, invitation.revokedAt);
        }
    }

    @Schema(name = "IssuedInvitation", description = "A new invitation with its respondent token. The token is not shown again; hand it to the member.")
    public record IssuedInvitation(UUID id, UUID memberId,
            @Schema(description = "Bearer token for PUT/GET/DELETE /api/v1/assessments/{id}/response") String token,
            Instant expiresAt) {
    }

    @Schema(name = "InvitationRequest")
    public record InvitationRequest(
            @Schema(description = "The members to invite; all of the team's members when absent") @Size(max = 1000) List<@NotNull UUID> memberIds) {
    }

    @Schema(name = "IssuedInvitations")
    public record IssuedInvitations(List<IssuedInvitation> issued,
            @Schema(description = "Members skipped because they already hold an active invitation (use reissue for a new token)") List<UUID> alreadyInvited) {
    }

    @Schema(name = "InvitationPage")
    public record InvitationPage(List<InvitationView> items, String nextCursor) {
    }
}
