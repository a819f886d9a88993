package app.asynchealth.platform.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

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

    /**
     * The token's {@code sub}: stable for the life of an account, unlike a username (which quarkus-oidc would otherwise
     * take as the principal name). Team roles and own-account answering match on it.
     */
    public String subject() {
        return identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject()
                : identity.getPrincipal().getName();
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
