package app.asynchealth.platform.tenancy;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The service's own work outside a request (start-up seeding, schedulers): each unit runs in a fresh request context
 * and a new transaction, bound to the one tenant it names, exactly as a request of that tenant would be.
 */
@ApplicationScoped
public class TenantWork {

    /** @param tenantId the tenant to act for; null for none (then no tenant data is visible) */
    public <T> T call(String tenantId, Supplier<T> work) {
        return inContext(context -> {
            if (tenantId != null) {
                context.actFor(tenantId);
            }
        }, () -> QuarkusTransaction.requiringNew().call(work::get));
    }

    /** As {@link #call(String, Supplier)}, in a transaction allowed to run for up to {@code timeout} (long exports). */
    public <T> T call(String tenantId, java.time.Duration timeout, Supplier<T> work) {
        return inContext(context -> context.actFor(tenantId),
                () -> QuarkusTransaction.requiringNew().timeout((int) timeout.toSeconds()).call(work::get));
    }

    /** Reads the tenant registry whole (and no tenant's data), as a platform administrator would. */
    public <T> T callForPlatform(Supplier<T> work) {
        return inContext(TenantContext::actForPlatform, () -> QuarkusTransaction.requiringNew().call(work::get));
    }

    /** @param transaction the work, wrapped in its new transaction */
    private <T> T inContext(java.util.function.Consumer<TenantContext> binding, Supplier<T> transaction) {
        ManagedContext requestContext = Arc.container().requestContext();
        // Never inherit a caller's context: set aside any active one and restore it afterwards.
        InjectableContext.ContextState outer = requestContext.isActive() ? requestContext.getState() : null;
        if (outer != null) {
            requestContext.deactivate();
        }
        requestContext.activate();
        try {
            binding.accept(Arc.container().instance(TenantContext.class).get());
            return transaction.get();
        } finally {
            requestContext.terminate();
            if (outer != null) {
                requestContext.activate(outer);
            }
        }
    }
}
