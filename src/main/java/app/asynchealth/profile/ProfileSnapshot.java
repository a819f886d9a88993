package app.asynchealth.profile;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import app.asynchealth.platform.persistence.TenantOwnedEntity;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;

/** The live profile last shown for an open assessment, and when it was taken. */
@Entity
@Table(name = "profile_snapshot")
public class ProfileSnapshot extends TenantOwnedEntity {

    @Column(name = "assessment_id", nullable = false, updatable = false)
    public UUID assessmentId;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    @Column(nullable = false)
    public int respondents;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public ProfileView profile;
}
