package app.asynchealth.profile;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.TenantOwnedEntity;

/** A closed round's profile, published to its team by its lead or a tenant admin; {@code createdAt} is when. */
@Entity
@Table(name = "profile_publication")
public class ProfilePublication extends TenantOwnedEntity {

    @Column(name = "assessment_id", nullable = false, updatable = false)
    public UUID assessmentId;

    /** The subject of who published it (a lead or an admin, never a respondent). */
    @Column(name = "published_by", nullable = false, updatable = false)
    public String publishedBy;
}
