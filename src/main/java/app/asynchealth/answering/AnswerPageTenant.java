package app.asynchealth.answering;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Picks the answer page's sign-in tenant (authorization code flow, {@link KeycloakWebConfig#TENANT}) for browser
 * requests to /respond that bring no bearer token. Everything else, including a round's page whose respondent cookie
 * RespondentCookieBearer has turned into a bearer token, is left to quarkus-oidc's issuer-based resolution, exactly as
 * before: a null here falls through to it.
 */
@ApplicationScoped
public class AnswerPageTenant implements TenantResolver {

    private final boolean signInEnabled;

    AnswerPageTenant(@ConfigProperty(name = KeycloakWebConfig.ENABLED, defaultValue = "false") boolean signInEnabled) {
        this.signInEnabled = signInEnabled;
    }

    boolean signInEnabled() {
        return signInEnabled;
    }

    @Override
    public String resolve(RoutingContext context) {
        if (!signInEnabled || context.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return null;
        }
        String path = context.normalizedPath();
        return path.equals(RespondCookies.ROOT) || path.startsWith(RespondCookies.ROOT + "/") ? KeycloakWebConfig.TENANT
                : null;
    }
}
