package app.asynchealth.charter;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired, synchronously and inside the writing transaction, when a new charter version is written; observers that
 * record something about it (the webhook outbox) commit or roll back with the version.
 */
public record CharterChanged(String tenantId, UUID teamId, int version, String author, int coverageScore,
        Instant createdAt) {
}
