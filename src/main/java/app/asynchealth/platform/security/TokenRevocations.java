package app.asynchealth.platform.security;

/** Whether a long-lived token the service issued is still active (implemented by the slice that stores them). */
public interface TokenRevocations {

    /** Runs blocking, outside the request's tenant binding; implementations bind to {@code tenant} themselves. */
    boolean active(String tenant, String tokenId, String rawToken);
}
