package app.asynchealth.answering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * On a round's answer page, the respondent credential the browser holds in its cookie is the request's bearer token,
 * so that the page reaches the answers through the same verification, roles and services as the API. Only there: the
 * cookie's path is the round's page, and no other route reads it. A request that brings its own Authorization header
 * keeps it.
 */
@ApplicationScoped
public class RespondentCookieBearer {

    static final String ROUND_PAGE = "/respond/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    void install(@Observes Router router) {
        router.routeWithRegex(ROUND_PAGE).order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                Cookie credential = context.request().getCookie(RespondCookies.CREDENTIAL);
                if (credential != null && RespondCookies.CREDENTIAL_FORMAT.matcher(credential.getValue()).matches()) {
                    context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + credential.getValue());
                }
            }
            context.next();
        });
    }
}
