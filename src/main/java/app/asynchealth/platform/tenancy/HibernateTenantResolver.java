package app.asynchealth.platform.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/** Binds every Hibernate session to the tenant of the current unit of work, or to no tenant at all. */
@PersistenceUnitExtension
@ApplicationScoped
public class HibernateTenantResolver implements TenantResolver {

    @Override
    public String getDefaultTenantId() {
        return TenantContext.NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        return TenantContext.current().flatMap(TenantContext::tenantId).orElse(TenantContext.NO_TENANT);
    }
}
