package app.asynchealth.action;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An open action reached its due date; fired by {@link ActionDueJob} in the transaction that marks it announced, so
 * that the webhook outbox records it exactly when the mark commits.
 */
public record ActionDue(UUID actionId, UUID teamId, String title, String metric, String recommendationKey,
        LocalDate dueDate, String status, UUID ownerMemberId) {
}
