package app.asynchealth.platform.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/**
 * Binds every Hibernate session to the tenant of the current unit of work, or to no tenant at all: Hibernate writes
 * that tenant into {@code tenant_id} of every row it inserts.
 *
 * <p>Every tenant is a "root" tenant for Hibernate, so that Hibernate adds no tenant filter to its reads. With the
 * filter on, Hibernate 7.2 caches neither an entity loader nor an HQL query's SQL in the session (a plan affected by an
 * enabled filter is built anew on every read), which cost about a third of the service's CPU per submission. Reads are
 * confined by PostgreSQL's row-level security (forced on every tenant table, for a role that cannot bypass it, bound
 * by {@link RowLevelSecuritySettings}); {@link TenantRowCheck} refuses any loaded entity of another tenant should that
 * binding ever be wrong.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class HibernateTenantResolver implements TenantResolver {

    @Override
    public String getDefaultTenantId() {
        return TenantContext.NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return TenantContext.boundTenant();
    }

    @Override
    public boolean isRoot(String tenantId) {
        return true;
    }
}
