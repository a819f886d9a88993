package app.asynchealth.charter;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.tenancy.TenantRowCheck;

/**
 * One version of a team's charter (migration V13). Immutable: a change is a new version, so every column is written
 * once. Keyed by team and version number rather than a generated id, since "version n of team t" is how it is read;
 * not a {@code TenantOwnedEntity} for that reason, but tenant-bound and checked on load the same way.
 */
@Entity
@Table(name = "charter_version")
@IdClass(CharterVersion.Key.class)
@EntityListeners(TenantRowCheck.class)
public class CharterVersion implements TenantRowCheck.TenantOwned {

    @Id
    @Column(name = "team_id", nullable = false, updatable = false)
    public UUID teamId;

    @Id
    @Column(name = "version", nullable = false, updatable = false)
    public int version;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public CharterContent content;

    /** The subject of the token that wrote this version. */
    @Column(nullable = false, updatable = false)
    public String author;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Override
    public String owningTenant() {
        return tenantId;
    }

    /** The identifier Hibernate keys versions by; team ids are unique across tenants. */
    public static class Key implements Serializable {

        public UUID teamId;
        public int version;

        public Key() {
        }

        public Key(UUID teamId, int version) {
            this.teamId = teamId;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && version == key.version && Objects.equals(teamId, key.teamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(teamId, version);
        }
    }
}
