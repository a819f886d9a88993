package app.asynchealth.profile;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired, synchronously and inside the publishing transaction, when a closed round's profile is published to its team;
 * observers that record something about it (the webhook outbox) commit or roll back with the publication.
 */
public record ProfilePublished(UUID publicationId, UUID assessmentId, UUID teamId, int round, Instant publishedAt) {
}
