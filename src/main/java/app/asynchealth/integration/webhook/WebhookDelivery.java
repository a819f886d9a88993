package app.asynchealth.integration.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** One event on its way to one endpoint: pending until delivered or given up. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends TenantOwnedEntity {

    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;

    @Column(name = "endpoint_id", nullable = false, updatable = false)
    public UUID endpointId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    /** The attempts made before the current round: a delivery sent again gets a fresh round of attempts. */
    @Column(name = "round_started_after", nullable = false)
    public int roundStartedAfter;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
