package app.asynchealth.platform.security;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints the tokens the service issues itself, signed with its configured key and verified by its OIDC tenant. */
@ApplicationScoped
public class ServiceTokens {

    private final String keyId;

    ServiceTokens(@ConfigProperty(name = "async-health.jwt.key-id") String keyId) {
        this.keyId = keyId;
    }

    public String mint(String subject, Optional<String> tenant, Set<String> roles, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.subject(subject)
                .claim("jti", UUID.randomUUID().toString())
                .groups(roles)
                .expiresIn(lifetime);
        tenant.ifPresent(id -> claims.claim(TenantClaims.TENANT_CLAIM, id));
        return claims.jws().keyId(keyId).sign();
    }
}
