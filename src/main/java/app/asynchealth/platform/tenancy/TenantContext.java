package app.asynchealth.platform.tenancy;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import app.asynchealth.platform.security.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * The tenant whose data the current unit of work may see. It comes from the verified token only; the service's own
 * background work (seeding, schedulers) names its tenant explicitly with {@link #actFor(String)}. Without either,
 * there is no tenant and every tenant-owned table looks empty.
 */
@RequestScoped
public class TenantContext {

    /** A tenant id that no row carries: what a unit of work without a tenant is bound to. */
    public static final String NO_TENANT = "-";

    private final Caller caller;
    private String systemTenant;
    private boolean systemPlatformScope;

    TenantContext(Caller caller) {
        this.caller = caller;
    }

    public Optional<String> tenantId() {
        if (systemTenant != null) {
            return Optional.of(systemTenant);
        }
        return caller.tenantId();
    }

    /** Platform administrators see the tenant registry whole (and no tenant's data). */
    public boolean platformScope() {
        return systemPlatformScope || (systemTenant == null && caller.isAuthenticated() && caller.isPlatformAdmin());
    }

    /** For the service's own work outside a request: act for this tenant in the current request context. */
    public void actFor(String tenantId) {
        this.systemTenant = tenantId;
    }

    /** For the service's own work outside a request: see the whole tenant registry. */
    public void actForPlatform() {
        this.systemPlatformScope = true;
    }

    /** The tenant the current unit of work is bound to, {@link #NO_TENANT} when it has none. */
    public static String boundTenant() {
        return current().flatMap(TenantContext::tenantId).orElse(NO_TENANT);
    }

    /** The context of the running request, or empty outside one (then nothing is visible). */
    public static Optional<TenantContext> current() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return Optional.empty();
        }
        return Optional.of(Arc.container().instance(TenantContext.class).get());
    }
}
