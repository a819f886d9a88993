package app.asynchealth.platform.ratelimit;

import java.net.URI;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.jwt.JsonWebToken;

import app.asynchealth.platform.problem.Problem;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.ratelimit.HrRateLimits.Decision;
import app.asynchealth.platform.security.CallerIdentityAugmentor;
import app.asynchealth.platform.security.ServiceTokens;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Enforces {@link HrRateLimited}. It runs after authentication and the role check (Quarkus REST checks
 * {@code @RolesAllowed} before request filters; the priority keeps it after any authentication or authorization
 * filter too), so a bucket belongs to a verified caller: an integration token by its id, any other token by its
 * issuer and subject, always within its tenant. Over the limit the request is answered with 429 and nothing runs.
 * Headers follow draft-ietf-httpapi-ratelimit-headers: RateLimit-Limit, -Remaining, -Reset (seconds) and
 * RateLimit-Policy; a 429 also carries Retry-After (seconds).
 */
@Provider
@HrRateLimited
@Priority(Priorities.USER)
public class HrRateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String DECISION = HrRateLimitFilter.class.getName() + ".decision";

    private final HrRateLimits limits;
    private final SecurityIdentity identity;

    HrRateLimitFilter(HrRateLimits limits, SecurityIdentity identity) {
        this.limits = limits;
        this.identity = identity;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (identity.isAnonymous()) {
            return; // refused by the role check anyway; nothing to count it against
        }
        Decision decision = limits.take(callerKey());
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            request.abortWith(new Problem(ProblemType.TOO_MANY_REQUESTS.uri(), ProblemType.TOO_MANY_REQUESTS.title(),
                    429, "This token has used its " + decision.limit() + " requests per " + decision.windowSeconds()
                            + " s on the HR routes; retry after " + decision.retryAfterSeconds() + " s.",
                    URI.create(request.getUriInfo().getRequestUri().getRawPath()), null).toResponse());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(DECISION) instanceof Decision decision)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("RateLimit-Limit", decision.limit());
        headers.putSingle("RateLimit-Remaining", decision.remaining());
        headers.putSingle("RateLimit-Reset", decision.resetSeconds());
        headers.putSingle("RateLimit-Policy", decision.limit() + ";w=" + decision.windowSeconds());
        if (!decision.allowed()) {
            headers.putSingle(HttpHeaders.RETRY_AFTER, decision.retryAfterSeconds());
        }
    }

    /** One bucket per token identity: the integration token's id, else issuer and subject; always with the tenant. */
    private String callerKey() {
        String tenant = identity.getAttribute(CallerIdentityAugmentor.TENANT_ATTRIBUTE);
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object integration = token.getClaim(ServiceTokens.INTEGRATION_CLAIM);
            if (integration != null) {
                return tenant + "\n" + "integration:" + integration;
            }
            return tenant + "\n" + token.getIssuer() + "\n" + token.getSubject();
        }
        return tenant + "\n" + identity.getPrincipal().getName();
    }
}
