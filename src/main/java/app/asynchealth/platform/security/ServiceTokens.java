package app.asynchealth.platform.security;

import java.time.Duration;
import java.time.Instant;
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

    public static final String ASSESSMENT_CLAIM = "assessment";
    public static final String INTEGRATION_CLAIM = "integration";

    private final String keyId;
    private final String respondAudience;

    ServiceTokens(@ConfigProperty(name = "async-health.jwt.key-id") String keyId,
            @ConfigProperty(name = "async-health.jwt.respond-audience") String respondAudience) {
        this.keyId = keyId;
        this.respondAudience = respondAudience;
    }

    /** An API token for a person or a system. */
    public String mint(String subject, Optional<String> tenant, Set<String> roles, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.subject(subject)
                .claim("jti", UUID.randomUUID().toString())
                .groups(roles)
                .expiresIn(lifetime);
        tenant.ifPresent(id -> claims.claim(TenantClaims.TENANT_CLAIM, id));
        return claims.jws().keyId(keyId).sign();
    }

    /** An HR integration token: the hr-analyst role for one tenant, valid until revoked or expired. */
    public String mintIntegration(UUID integrationId, String tenant, Instant expiresAt) {
        return Jwt.subject("integration:" + integrationId)
                .claim("jti", integrationId.toString())
                .claim(TenantClaims.TENANT_CLAIM, tenant)
                .claim(INTEGRATION_CLAIM, integrationId.toString())
                .groups(Set.of(Roles.HR_ANALYST))
                .expiresAt(expiresAt.getEpochSecond())
                .jws().keyId(keyId).sign();
    }

    /**
     * A respondent credential: its audience admits it to the answering routes only, for one assessment. It is handed to
     * the respondent alone, when they claim their invitation; its id is a random secret from which their seat and
     * response slot are found, and nothing in it names the member, the invitation or the slot.
     */
    public String mintRespondent(String credentialId, String tenant, UUID assessmentId, Instant expiresAt) {
        return Jwt.subject("respondent")
                .audience(respondAudience)
                .claim("jti", credentialId)
                .claim(TenantClaims.TENANT_CLAIM, tenant)
                .claim(ASSESSMENT_CLAIM, assessmentId.toString())
                .groups(Set.of(Roles.RESPONDENT))
                .expiresAt(expiresAt.getEpochSecond())
                .jws().keyId(keyId).sign();
    }
}
