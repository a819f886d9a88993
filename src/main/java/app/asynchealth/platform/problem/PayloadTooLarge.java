package app.asynchealth.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A body larger than the limit is refused with a problem detail. A declared one before it is read; one sent in chunks
 * (no Content-Length) is read here, up to the limit, in place of RESTEasy Reactive's own reading, which would answer a
 * bare 413 with no body once past it.
 */
@ApplicationScoped
public class PayloadTooLarge {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, maxBytes)) {
                refuse(context, maxBytes);
            } else if (declared == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                chunked.handle(context); // RESTEasy Reactive takes the body read here as it is
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context, maxBytes); // the body handler's verdict on a chunked body
            } else {
                context.next();
            }
        });
    }

    private static void refuse(RoutingContext context, long maxBytes) {
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
    }

    private static boolean exceeds(String contentLength, long maxBytes) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
