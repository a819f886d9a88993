package app.asynchealth.integration.webhook;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** An https endpoint of the tenant's that receives the events it chose, signed with its own secret. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends TenantOwnedEntity {

    public enum Status {
        ACTIVE, DISABLED
    }

    @Column(nullable = false)
    public String url;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> events;

    /** The signing secret, sealed by {@link app.asynchealth.platform.security.SecretBox}. */
    @Column(nullable = false)
    public String secret;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
