package app.asynchealth.platform.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller of the current request, as the services need to see it. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The token's subject. */
    public String subject() {
        return identity.getPrincipal().getName();
    }

    public Optional<String> tenantId() {
        return isAuthenticated()
                ? Optional.ofNullable(identity.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE))
                : Optional.empty();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isPlatformAdmin() {
        return hasRole(Roles.PLATFORM_ADMIN);
    }

    public boolean isTenantAdmin() {
        return hasRole(Roles.TENANT_ADMIN);
    }
}
