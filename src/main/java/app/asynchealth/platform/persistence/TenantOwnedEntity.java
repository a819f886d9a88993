package app.asynchealth.platform.persistence;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.UuidGenerator;

/**
 * A row that belongs to one tenant. Hibernate fills {@code tenant_id} from the session's tenant and adds it to every
 * query; row-level security in PostgreSQL enforces the same below it.
 */
@MappedSuperclass
public abstract class TenantOwnedEntity extends VersionedEntity {

    /** Time-ordered (UUIDv7): keyset pages follow creation order, and inserts append to the index. */
    @Id
    @GeneratedValue
    @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;
}
