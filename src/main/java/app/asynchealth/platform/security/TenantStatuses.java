package app.asynchealth.platform.security;

/** Whether a tenant a token names exists and is enabled (implemented by the slice that stores tenants). */
public interface TenantStatuses {

    /** Runs blocking, outside the request's tenant binding; implementations bind to {@code tenant} themselves. */
    boolean active(String tenant);

    /** The last answer of {@link #active(String)} if it is still fresh, else null; never blocks. */
    Boolean cached(String tenant);
}
