package app.asynchealth.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import app.asynchealth.platform.persistence.VersionedEntity;

/** A customer organisation: the unit of isolation. Its id is a slug that is also its Keycloak organization alias. */
@Entity
@Table(name = "tenant")
public class Tenant extends VersionedEntity {

    public static final int DEFAULT_ANONYMITY_THRESHOLD = 5;

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "anonymity_threshold", nullable = false)
    public int anonymityThreshold = DEFAULT_ANONYMITY_THRESHOLD;

    @Enumerated(EnumType.STRING)
    @Column(name = "company_size")
    public CompanySize companySize;

    @Enumerated(EnumType.STRING)
    @Column(name = "working_style")
    public WorkingStyle workingStyle;

    /** Show profiles of open assessments once the threshold is met (as snapshots; see LiveSnapshots). */
    @Column(name = "live_profiles", nullable = false)
    public boolean liveProfiles;

    /** Set while a platform administrator has disabled the tenant: none of its tokens is accepted then. */
    @Column(name = "disabled_at")
    public Instant disabledAt;
}
