package app.asynchealth.support;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.tenancy.TenantWork;

/** Runs test code bound to a tenant, in its own request context and transaction, the way a request would be. */
@ApplicationScoped
public class AsTenant {

    private final TenantWork work;

    AsTenant(TenantWork work) {
        this.work = work;
    }

    public <T> T call(String tenant, Supplier<T> code) {
        return work.call(tenant, code);
    }
}
