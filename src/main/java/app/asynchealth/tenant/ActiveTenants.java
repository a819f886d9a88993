package app.asynchealth.tenant;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import app.asynchealth.platform.security.TenantStatuses;
import app.asynchealth.platform.tenancy.TenantWork;

/**
 * Whether a tenant exists and is enabled, for every request that speaks for one. Answers are kept briefly, so that a
 * request costs no query; a tenant disabled on another replica is refused here within that time.
 */
@ApplicationScoped
public class ActiveTenants implements TenantStatuses {

    private final TenantWork work;
    private final TenantRepository tenants;
    private final Cache<String, Boolean> known;

    ActiveTenants(TenantWork work, TenantRepository tenants,
            @ConfigProperty(name = "async-health.tenants.status-cache", defaultValue = "10s") Duration keep) {
        this.work = work;
        this.tenants = tenants;
        this.known = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(keep).build();
    }

    @Override
    public boolean active(String tenant) {
        return known.get(tenant, id -> work.call(id, () -> tenants.findByIdOptional(id)
                .map(found -> found.disabledAt == null).orElse(false)));
    }

    @Override
    public Boolean cached(String tenant) {
        return known.getIfPresent(tenant);
    }

    /** After a change on this replica: ask the database again next time. */
    void forget(String tenant) {
        known.invalidate(tenant);
    }
}
