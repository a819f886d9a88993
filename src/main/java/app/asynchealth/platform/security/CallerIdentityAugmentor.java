package app.asynchealth.platform.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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
    private static final ExecutorService CHECKS = Executors
            .newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "token-status-check");
                thread.setDaemon(true);
                return thread;
            });

    private static final ObjectMapper HEADERS = new ObjectMapper();

    private final String serviceKeyId;
    private final String respondAudience;
    private final TokenRevocations revocations;
    private final TenantStatuses tenants;

    CallerIdentityAugmentor(@ConfigProperty(name = "async-health.jwt.key-id") String serviceKeyId,
            @ConfigProperty(name = "async-health.jwt.respond-audience") String respondAudience,
            TokenRevocations revocations, TenantStatuses tenants) {
        this.serviceKeyId = serviceKeyId;
        this.respondAudience = respondAudience;
        this.revocations = revocations;
        this.tenants = tenants;
    }

    /** Clock difference tolerated between an issuer and this service. */
    static final long ISSUED_AT_SKEW_SECONDS = 60;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        try {
            if (SERVICE_ISSUER.equals(identity.getAttribute(OIDC_TENANT_ATTRIBUTE))) {
                requireServiceKey(token);
            }
            // Team roles and accounts match on sub, which an identity provider never renames or reuses.
            if (token.getSubject() == null || token.getSubject().isBlank()) {
                throw new AuthenticationFailedException("the token has no subject");
            }
            // A token issued in the future is not yet valid, as with nbf: quarkus-oidc checks nbf and exp, not iat.
            if (token.getIssuedAtTime() > Instant.now().getEpochSecond() + ISSUED_AT_SKEW_SECONDS) {
                throw new AuthenticationFailedException("the token was issued in the future");
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
            if (tenant.isEmpty()) {
                return Uni.createFrom().item(augmented); // a platform administrator, speaking for no tenant
            }
            // The tenant must exist and be enabled; an integration token must still be active (revocation takes
            // effect at once). Both need the database, unless the tenant's status is cached and no token is to check.
            Object integration = token.getClaim(ServiceTokens.INTEGRATION_CLAIM);
            if (integration == null && Boolean.TRUE.equals(tenants.cached(tenant.get()))) {
                return Uni.createFrom().item(augmented);
            }
            String raw = token.getRawToken();
            return blocking(() -> {
                if (!tenants.active(tenant.get())) {
                    throw new AuthenticationFailedException("the token's tenant does not exist or is disabled");
                }
                if (integration != null && !revocations.active(tenant.get(), String.valueOf(integration), raw)) {
                    throw new AuthenticationFailedException("the integration token was revoked or has expired");
                }
                return augmented;
            });
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
    }

    /**
     * Runs a check that needs the database on a thread of our own (no request, transaction or context of the caller
     * leaks into it) and comes back on the request's own Vert.x context, where its request scope lives.
     */
    private static Uni<SecurityIdentity> blocking(Supplier<SecurityIdentity> check) {
        Context requestContext = Vertx.currentContext();
        return Uni.createFrom().completionStage(CompletableFuture.supplyAsync(check, CHECKS))
                .onFailure(CompletionException.class).transform(Throwable::getCause)
                .emitOn(runnable -> {
                    if (requestContext != null) {
                        requestContext.runOnContext(ignored -> runnable.run());
                    } else {
                        runnable.run();
                    }
                });
    }

    private void requireServiceKey(JsonWebToken token) {
        if (!serviceKeyId.equals(keyId(token.getRawToken()))) {
            throw new AuthenticationFailedException("unknown key id");
        }
    }

    /**
     * The {@code kid} of a token quarkus-oidc has verified: read from its header alone (a few dozen bytes), instead of
     * parsing the whole token once more.
     */
    static String keyId(String rawToken) {
        int end = rawToken == null ? -1 : rawToken.indexOf('.');
        if (end <= 0) {
            throw new AuthenticationFailedException("unreadable token header");
        }
        try {
            JsonNode kid = HEADERS.readTree(Base64.getUrlDecoder().decode(rawToken.substring(0, end))).get("kid");
            return kid != null && kid.isTextual() ? kid.textValue() : null;
        } catch (IOException | IllegalArgumentException e) {
            throw new AuthenticationFailedException("unreadable token header");
        }
    }
}
