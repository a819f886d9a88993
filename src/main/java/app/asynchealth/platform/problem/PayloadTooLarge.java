package app.asynchealth.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A declared body larger than the limit is refused with a problem detail before it is read. (Vert.x enforces the
 * same limit on bodies that do not declare their length, with a bare 413.)
 */
@ApplicationScoped
public class PayloadTooLarge {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, maxBytes)) {
                JsonObject problem = new JsonObject()
                        .put("type", ProblemType.PAYLOAD_TOO_LARGE.uri().toString())
                        .put("title", ProblemType.PAYLOAD_TOO_LARGE.title())
                        .put("status", 413)
                        .put("detail", "The request body is larger than the limit of " + maxBytes + " bytes.")
                        .put("instance", context.request().path());
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem.encode());
                return;
            }
            context.next();
        });
    }

    private static boolean exceeds(String contentLength, long maxBytes) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
