package app.asynchealth.integration.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** One try at a delivery, for the tenant admin's delivery log. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends TenantOwnedEntity {

    @Column(name = "delivery_id", nullable = false, updatable = false)
    public UUID deliveryId;

    @Column(nullable = false, updatable = false)
    public int number;

    @Column(name = "attempted_at", nullable = false, updatable = false)
    public Instant attemptedAt;

    @Column(name = "status_code", updatable = false)
    public Integer statusCode;

    @Column(updatable = false)
    public String error;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    public int durationMs;
}
