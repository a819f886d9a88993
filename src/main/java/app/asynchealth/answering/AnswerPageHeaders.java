package app.asynchealth.answering;

import java.lang.annotation.Annotation;
import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer page (and redirect) leaves with a strict content security policy (nothing but the service's own style
 * sheet and script, no inline script, no framing), no referrer (the claim code is in the start page's address), and
 * no caching (the page holds the member's answers), in the language chosen for the request (Content-Language, and
 * Vary: Accept-Language since the same address is worded by that header). A refusal that has no body of its own (the CSRF filter's bare
 * 400) gets a page saying what happened, not a blank one.
 */
public class AnswerPageHeaders {

    static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final PageLanguage language;
    private final String csp;

    AnswerPageHeaders(PageLanguage language, AnswerPageTenant tenant,
            @ConfigProperty(name = "async-health.keycloak.url") String keycloakUrl) {
        this.language = language;
        this.csp = tenant.signInEnabled() ? withSignOut(keycloakUrl) : CSP;
    }

    /**
     * Signing out is a form whose answer redirects to Keycloak's logout endpoint, and form-action governs where a form's
     * redirects may lead too: with sign-in on, the realm's origin is the one other place forms may go.
     */
    static String withSignOut(String keycloakUrl) {
        URI realm = URI.create(keycloakUrl);
        String origin = realm.getScheme() + "://" + realm.getRawAuthority();
        return CSP.replace("form-action 'self'", "form-action 'self' " + origin);
    }

    @ServerResponseFilter
    public void pages(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(RespondCookies.ROOT) && !path.startsWith(RespondCookies.ROOT + "/")) {
            return;
        }
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            RespondMessages msg = language.msg();
            String heading = response.getStatus() == 400 ? msg.formRefusedTitle() : msg.notFoundTitle();
            String text = response.getStatus() == 400 ? msg.formRefusedText() : msg.notFoundText();
            String html = language.render(AnswerPageResource.Templates
                    .problem(new AnswerPageResource.Layout(RespondCookies.ROOT + "/", heading), heading, text, "", ""));
            response.setEntity(html, new Annotation[0], MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
        response.getHeaders().putSingle("Content-Language", language.tag());
        response.getHeaders().add("Vary", "Accept-Language");
        response.getHeaders().putSingle("Content-Security-Policy", csp);
        response.getHeaders().putSingle("Referrer-Policy", "no-referrer");
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
    }
}
