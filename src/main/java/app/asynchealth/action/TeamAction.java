package app.asynchealth.action;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import app.asynchealth.charter.CharterSection;
import app.asynchealth.platform.persistence.TenantOwnedEntity;

/**
 * An action a team adopted from a closed round's profile, aimed at one metric of that round's scoring model. Only
 * changed columns are written (DynamicUpdate), so that an edit of its title never writes back a stale
 * {@code dueNotifiedAt} over the due job's.
 */
@Entity
@Table(name = "team_action")
@DynamicUpdate
public class TeamAction extends TenantOwnedEntity {

    @Column(name = "team_id", nullable = false, updatable = false)
    public UUID teamId;

    /** The recommendation it was adopted from, if any. */
    @Column(name = "recommendation_key", updatable = false)
    public String recommendationKey;

    @Column(nullable = false)
    public String title;

    public String description;

    /** The metric key it aims to move, of the baseline round's scoring model. */
    @Column(nullable = false, updatable = false)
    public String metric;

    @Column(name = "owner_member_id")
    public UUID ownerMemberId;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Convert(converter = ActionStatus.Column.class)
    @Column(nullable = false)
    public ActionStatus status = ActionStatus.PLANNED;

    /** The closed round whose profile motivated it; its figure of the metric is the baseline. */
    @Column(name = "baseline_assessment_id", nullable = false, updatable = false)
    public UUID baselineAssessmentId;

    @Convert(converter = CharterSection.Column.class)
    @Column(name = "charter_section", updatable = false)
    public CharterSection charterSection;

    /** When action.due was recorded for the current due date; null while it has not been. */
    @Column(name = "due_notified_at")
    public Instant dueNotifiedAt;
}
