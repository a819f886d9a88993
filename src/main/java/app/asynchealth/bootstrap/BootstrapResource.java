package app.asynchealth.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.security.ServiceTokens;
import io.vertx.core.http.HttpServerRequest;

/**
 * Bootstrap tokens let a newcomer call the API of a local installation without a Keycloak. They exist only where
 * configuration enables them (the embedded default does; production never does), and only for callers on this
 * machine.
 */
@Path("/api/v1/bootstrap/tokens")
@Tag(name = "Bootstrap")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BootstrapResource {

    private final ServiceTokens tokens;
    private final boolean enabled;
    private final boolean loopbackOnly;
    private final String demoTenant;
    private final Duration lifetime;

    BootstrapResource(ServiceTokens tokens,
            @ConfigProperty(name = "async-health.bootstrap.enabled") boolean enabled,
            @ConfigProperty(name = "async-health.bootstrap.loopback-only", defaultValue = "true") boolean loopbackOnly,
            @ConfigProperty(name = "async-health.bootstrap.demo-tenant") String demoTenant,
            @ConfigProperty(name = "async-health.bootstrap.token-lifetime", defaultValue = "PT8H") Duration lifetime) {
        this.tokens = tokens;
        this.enabled = enabled;
        this.loopbackOnly = loopbackOnly;
        this.demoTenant = demoTenant;
        this.lifetime = lifetime;
    }

    @Schema(name = "BootstrapTokenRequest")
    public record TokenRequest(
            @Schema(description = "One of platform-admin, tenant-admin, team-lead, member, hr-analyst; defaults to tenant-admin")
            String role,
            @Schema(description = "The tenant the token speaks for; defaults to the demo tenant; ignored for platform-admin")
            @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", message = "must be a tenant id") String tenant,
            @Schema(description = "The token's subject; defaults to bootstrap-<role>")
            @Size(min = 1, max = 255) String subject) {
    }

    @Schema(name = "BootstrapToken")
    public record Token(String accessToken, String tokenType, long expiresIn, String tenant, Set<String> roles) {
    }

    @POST
    @SecurityRequirementsSet
    @Operation(summary = "Get a bootstrap token (local installations only)",
            description = "Available only where async-health.bootstrap.enabled is true (the embedded default) and only to callers on the same machine; 404 everywhere else.")
    @APIResponse(responseCode = "200", description = "A bearer token for the API")
    public Token issue(@RequestBody(required = false) @Valid TokenRequest body, @Context HttpServerRequest request) {
        if (!enabled) {
            throw ProblemException.notFound("Resource");
        }
        if (loopbackOnly && !fromLoopback(request)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Bootstrap tokens are issued only to callers on this machine.");
        }
        TokenRequest asked = body == null ? new TokenRequest(null, null, null) : body;
        String role = asked.role() == null ? Roles.TENANT_ADMIN : asked.role();
        if (!Roles.ALL.contains(role)) {
            throw ProblemException.invalid("role", "must be one of " + String.join(", ", Roles.ALL.stream().sorted().toList()));
        }
        Optional<String> tenant = Roles.PLATFORM_ADMIN.equals(role) ? Optional.empty()
                : Optional.of(asked.tenant() == null ? demoTenant : asked.tenant());
        String subject = asked.subject() == null ? "bootstrap-" + role : asked.subject();
        String token = tokens.mint(subject, tenant, Set.of(role), lifetime);
        return new Token(token, "Bearer", lifetime.toSeconds(), tenant.orElse(null), Set.of(role));
    }

    private static boolean fromLoopback(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(request.remoteAddress().hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
