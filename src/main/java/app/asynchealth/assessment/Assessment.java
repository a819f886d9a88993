package app.asynchealth.assessment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

@Entity
@Table(name = "assessment")
public class Assessment extends TenantOwnedEntity {

    @Column(name = "team_id", nullable = false, updatable = false)
    public UUID teamId;

    @Column(nullable = false)
    public String title;

    @Column(name = "template_key", nullable = false, updatable = false)
    public String templateKey;

    @Column(name = "template_version", nullable = false, updatable = false)
    public int templateVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssessmentStatus status = AssessmentStatus.DRAFT;

    @Column(name = "opens_at", nullable = false)
    public Instant opensAt;

    @Column(name = "closes_at", nullable = false)
    public Instant closesAt;

    @Column(name = "anonymity_threshold", nullable = false)
    public int anonymityThreshold;

    @Column(name = "previous_assessment_id", updatable = false)
    public UUID previousAssessmentId;

    @Column(nullable = false, updatable = false)
    public int round = 1;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Where the closed result sits in the scores feed; given by {@link AssessmentRepository#assignFeedPositions}. */
    @Column(name = "feed_position", insertable = false, updatable = false)
    public Long feedPosition;

    /** Whether answers are accepted at this instant: open, and its closing time not yet passed. */
    public boolean acceptsAnswersAt(Instant now) {
        return status == AssessmentStatus.OPEN && now.isBefore(closesAt);
    }

    public void open(Instant now) {
        status = AssessmentStatus.OPEN;
        openedAt = now;
    }

    public void close(Instant now) {
        status = AssessmentStatus.CLOSED;
        closedAt = now;
    }
}
