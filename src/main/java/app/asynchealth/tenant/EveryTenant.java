package app.asynchealth.tenant;

import java.util.List;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.asynchealth.platform.tenancy.TenantWork;

/**
 * Runs a scheduled job's work tenant by tenant: the ids are read as the platform, the work itself is the caller's,
 * which binds each tenant like a request. One tenant's failure is logged and does not stop the others.
 */
@ApplicationScoped
public class EveryTenant {

    private static final Logger LOG = Logger.getLogger(EveryTenant.class);

    private final TenantWork work;
    private final TenantRepository tenants;

    EveryTenant(TenantWork work, TenantRepository tenants) {
        this.work = work;
        this.tenants = tenants;
    }

    /**
     * @param job what the work does, for the log ("advance the assessments")
     * @return the sum of what the work returned for each tenant
     */
    public int sum(String job, ToIntFunction<String> perTenant) {
        List<String> tenantIds = work.callForPlatform(() -> tenants.listAll().stream().map(tenant -> tenant.id).toList());
        int total = 0;
        for (String tenantId : tenantIds) {
            try {
                total += perTenant.applyAsInt(tenantId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not %s of tenant %s", job, tenantId);
            }
        }
        return total;
    }
}
