package app.asynchealth.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** A customer organisation: the unit of isolation. Its id is a slug that is also its Keycloak organization alias. */
@Entity
@Table(name = "tenant")
public class Tenant {

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

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    public int version;
}
