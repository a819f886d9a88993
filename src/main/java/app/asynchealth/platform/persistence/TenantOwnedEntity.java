package app.asynchealth.platform.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.TenantId;

/**
 * A row that belongs to one tenant. Hibernate fills {@code tenant_id} from the session's tenant and adds it to every
 * query; row-level security in PostgreSQL enforces the same below it.
 */
@MappedSuperclass
public abstract class TenantOwnedEntity extends VersionedEntity {

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;
}
