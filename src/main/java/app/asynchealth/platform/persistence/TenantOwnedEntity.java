package app.asynchealth.platform.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.UuidGenerator;

import app.asynchealth.platform.tenancy.TenantRowCheck;

/**
 * A row that belongs to one tenant. Hibernate fills {@code tenant_id} from the session's tenant; row-level security in
 * PostgreSQL confines every read and write to it, and {@link TenantRowCheck} refuses a loaded row of another tenant.
 */
@MappedSuperclass
@EntityListeners(TenantRowCheck.class)
public abstract class TenantOwnedEntity extends VersionedEntity implements TenantRowCheck.TenantOwned {

    /** Time-ordered (UUIDv7): keyset pages follow creation order, and inserts append to the index. */
    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Override
    public String owningTenant() {
        return tenantId;
    }
}
