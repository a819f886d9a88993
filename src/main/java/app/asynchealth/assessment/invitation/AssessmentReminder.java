package app.asynchealth.assessment.invitation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/**
 * A reminder of one assessment to the members whose seat is still pending, due at {@link #dueAt}. Which seats it
 * reached is kept beside it (reminder_seat), seat by seat, once the mail server took each mail (or refused it for
 * good: {@code refused}); it is done when no pending seat with an e-mail address is left to remind.
 */
@Entity
@Table(name = "assessment_reminder")
public class AssessmentReminder extends TenantOwnedEntity {

    @Column(name = "assessment_id", nullable = false, updatable = false)
    public UUID assessmentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public ReminderOrigin origin;

    @Column(name = "due_at", nullable = false, updatable = false)
    public Instant dueAt;

    @Column(name = "done_at")
    public Instant doneAt;

    /** While every seat it has not reached waits for its mailbox (deferred): the earliest retry; passed by until then. */
    @Column(name = "waits_until")
    public Instant waitsUntil;
}
