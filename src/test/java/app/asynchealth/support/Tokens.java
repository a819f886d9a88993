package app.asynchealth.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import app.asynchealth.platform.security.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/** Real signed tokens for the tests: the service's own, and ones shaped like a Keycloak realm's. */
public final class Tokens {

    private Tokens() {
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    public static String keyId() {
        return config("async-health.jwt.key-id");
    }

    /** The claims of a valid service token; tests change them to make bad ones. */
    public static JwtClaimsBuilder serviceClaims(String tenant, String... roles) {
        JwtClaimsBuilder claims = Jwt.issuer(config("async-health.jwt.issuer"))
                .audience(config("async-health.jwt.audience"))
                .subject("user-" + UUID.randomUUID())
                .groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(10));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        return claims;
    }

    public static String service(JwtClaimsBuilder claims) {
        return claims.jws().keyId(keyId()).sign();
    }

    public static String as(String tenant, String subject, String... roles) {
        return service(serviceClaims(tenant, roles).subject(subject));
    }

    public static String tenantAdmin(String tenant) {
        return as(tenant, "admin-of-" + tenant, Roles.TENANT_ADMIN);
    }

    public static String platformAdmin() {
        return service(serviceClaims(null, Roles.PLATFORM_ADMIN).subject("platform-operator"));
    }

    /** A token as a Keycloak realm would issue it: realm roles, organization membership, the realm's key. */
    public static String keycloak(Map<String, Object> extraClaims, String... realmRoles) {
        JwtClaimsBuilder claims = Jwt.issuer(LocalInstallationResource.KEYCLOAK_ISSUER)
                .audience(config("async-health.keycloak.audience"))
                .subject(UUID.randomUUID().toString())
                .claim("realm_access", Map.of("roles", java.util.List.of(realmRoles)))
                .expiresIn(Duration.ofMinutes(10));
        extraClaims.forEach(claims::claim);
        return claims.jws().keyId("realm-key").sign(keycloakKey());
    }

    public static PrivateKey keycloakKey() {
        try {
            String pem = Files.readString(Path.of(config(LocalInstallationResource.KEYCLOAK_KEY)));
            return KeyUtils.decodePrivateKey(pem);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
