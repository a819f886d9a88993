package app.asynchealth.response;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** One respondent's response to one assessment, known only by its opaque slot. */
@Entity
@Table(name = "response")
public class AssessmentResponse extends TenantOwnedEntity {

    @Column(name = "assessment_id", nullable = false, updatable = false)
    public UUID assessmentId;

    @Column(nullable = false, updatable = false)
    public String slot;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResponseStatus status = ResponseStatus.DRAFT;

    @Column(name = "submitted_at")
    public Instant submittedAt;
}
