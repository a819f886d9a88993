package app.asynchealth.platform.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified token into a caller of this service: it must speak for exactly one well-formed tenant (platform
 * administrators may speak for none), and the service's own tokens must name the key that signed them. Anything else
 * fails authentication, so no request runs with a guessed tenant.
 */
@ApplicationScoped
public class CallerIdentityAugmentor implements SecurityIdentityAugmentor {

    /** Identity attribute holding the caller's tenant id. */
    public static final String TENANT_ATTRIBUTE = "async-health.tenant";
    /** Quarkus OIDC records the OIDC tenant that verified the token under this attribute. */
    static final String OIDC_TENANT_ATTRIBUTE = "tenant-id";
    static final String SERVICE_ISSUER = "service";
    private static final java.util.concurrent.ExecutorService REVOCATION_CHECKS = java.util.concurrent.Executors
            .newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "token-revocation-check");
                thread.setDaemon(true);
                return thread;
            });

    private final String serviceKeyId;
    private final String respondAudience;
    private final TokenRevocations revocations;

    CallerIdentityAugmentor(@ConfigProperty(name = "async-health.jwt.key-id") String serviceKeyId,
            @ConfigProperty(name = "async-health.jwt.respond-audience") String respondAudience,
            TokenRevocations revocations) {
        this.serviceKeyId = serviceKeyId;
        this.respondAudience = respondAudience;
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        try {
            if (SERVICE_ISSUER.equals(identity.getAttribute(OIDC_TENANT_ATTRIBUTE))) {
                requireServiceKey(token);
            }
            // A respondent token may answer and nothing else, whatever else it carries; no other token may answer as one.
            boolean respondent = token.getAudience() != null && token.getAudience().contains(respondAudience);
            Set<String> roles = new HashSet<>(identity.getRoles());
            roles.remove(Roles.RESPONDENT);
            if (respondent) {
                roles = Set.of(Roles.RESPONDENT);
            }
            Optional<String> tenant = TenantClaims.tenantOf(token);
            if (tenant.isEmpty() && !roles.contains(Roles.PLATFORM_ADMIN)) {
                throw new AuthenticationFailedException("the token names no tenant");
            }
            QuarkusSecurityIdentity.Builder caller = QuarkusSecurityIdentity.builder()
                    .setPrincipal(identity.getPrincipal())
                    .addCredentials(identity.getCredentials())
                    .addAttributes(identity.getAttributes())
                    .addRoles(roles)
                    .setAnonymous(false);
            tenant.ifPresent(id -> caller.addAttribute(TENANT_ATTRIBUTE, id));
            SecurityIdentity augmented = caller.build();
            Object integration = token.getClaim(ServiceTokens.INTEGRATION_CLAIM);
            if (integration != null && tenant.isPresent()) {
                // Revocation takes effect at once: every request of an integration token checks it is still active.
                // Checked on a thread of our own: no request, transaction or context of the caller leaks into it.
                // The answer comes back on the request's own Vert.x context, where its request scope lives.
                String raw = token.getRawToken();
                io.vertx.core.Context requestContext = io.vertx.core.Vertx.currentContext();
                return Uni.createFrom().completionStage(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> revocations.active(tenant.get(), String.valueOf(integration), raw), REVOCATION_CHECKS))
                        .emitOn(runnable -> {
                            if (requestContext != null) {
                                requestContext.runOnContext(ignored -> runnable.run());
                            } else {
                                runnable.run();
                            }
                        })
                        .map(active -> {
                            if (!active) {
                                throw new AuthenticationFailedException("the integration token was revoked or has expired");
                            }
                            return augmented;
                        });
            }
            return Uni.createFrom().item(augmented);
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
    }

    private void requireServiceKey(JsonWebToken token) {
        String keyId;
        try {
            keyId = JsonWebStructure.fromCompactSerialization(token.getRawToken()).getKeyIdHeaderValue();
        } catch (JoseException e) {
            throw new AuthenticationFailedException("unreadable token header");
        }
        if (!serviceKeyId.equals(keyId)) {
            throw new AuthenticationFailedException("unknown key id");
        }
    }
}
