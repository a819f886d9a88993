package app.asynchealth.integration;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** An API token for an HR system, with the hr-analyst role. Only its SHA-256 is kept. */
@Entity
@Table(name = "integration_token")
public class IntegrationToken extends TenantOwnedEntity {

    @Column(nullable = false)
    public String name;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
