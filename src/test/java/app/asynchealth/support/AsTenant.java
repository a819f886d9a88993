package app.asynchealth.support;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.tenancy.TenantContext;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Runs test code in a fresh request context and transaction bound to a tenant, the way a request would be. */
@ApplicationScoped
public class AsTenant {

    public <T> T call(String tenant, Supplier<T> work) {
        var requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            if (tenant != null) {
                Arc.container().instance(TenantContext.class).get().actFor(tenant);
            }
            return QuarkusTransaction.requiringNew().call(work::get);
        } finally {
            requestContext.terminate();
        }
    }
}
