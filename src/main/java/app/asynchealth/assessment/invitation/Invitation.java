package app.asynchealth.assessment.invitation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/**
 * One member's seat in one assessment. While pending it has a one-time claim code (kept as its SHA-256 only); once
 * claimed it answers to one credential, that of its respondent (kept as the SHA-256 of the credential's secret), and
 * never to anyone else.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends TenantOwnedEntity {

    @Column(name = "assessment_id", nullable = false, updatable = false)
    public UUID assessmentId;

    @Column(name = "member_id", nullable = false, updatable = false)
    public UUID memberId;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "claimant_hash")
    public String claimantHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvitationStatus status = InvitationStatus.PENDING;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvitationDelivery delivery = InvitationDelivery.CODE;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "revoked_because")
    public InvitationRevocation revokedBecause;

    public void revoke(InvitationRevocation because, Instant now) {
        status = InvitationStatus.REVOKED;
        codeHash = null;
        revokedAt = now;
        revokedBecause = because;
    }

    /** The code dies here: from now on the seat answers to the claimant alone. */
    public void claim(String claimantHash, Instant now) {
        status = InvitationStatus.CLAIMED;
        codeHash = null;
        this.claimantHash = claimantHash;
        claimedAt = now;
    }
}
