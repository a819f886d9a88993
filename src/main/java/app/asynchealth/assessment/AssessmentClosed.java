package app.asynchealth.assessment;

import java.time.Instant;
import java.util.UUID;

/**
 * Fired, synchronously and inside the closing transaction, when an assessment closes; observers that record something
 * about it (the webhook outbox) commit or roll back with the close.
 */
public record AssessmentClosed(UUID assessmentId, UUID teamId, int round, Instant closedAt, int anonymityThreshold) {

    static AssessmentClosed of(Assessment assessment) {
        return new AssessmentClosed(assessment.id, assessment.teamId, assessment.round, assessment.closedAt,
                assessment.anonymityThreshold);
    }
}
