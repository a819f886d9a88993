package app.asynchealth.integration.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** An outbox row: written in the transaction of the change it announces, sent later by the dispatcher. */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent extends TenantOwnedEntity {

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(name = "dedupe_key", nullable = false, updatable = false)
    public String dedupeKey;

    @Column(nullable = false, updatable = false)
    public String payload;
}
