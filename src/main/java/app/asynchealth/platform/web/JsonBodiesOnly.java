package app.asynchealth.platform.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A body sent to an operation that reads JSON must say it is JSON: RESTEasy Reactive matches a request with no
 * Content-Type to any {@code @Consumes} and reads it as JSON anyway, and operations whose body is optional consume
 * anything ({@code *}/{@code *}) so that they can be called with none. Either way 415, as the contract says.
 */
@Provider
@Priority(Priorities.USER + 50)
public class JsonBodiesOnly implements ContainerRequestFilter {

    private static final Map<Method, Boolean> READS_BODY = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || !hasBody(request) || !READS_BODY.computeIfAbsent(method, JsonBodiesOnly::readsBody)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !isJson(type)) {
            throw new NotSupportedException();
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null ? !length.strip().equals("0") : request.getHeaderString("Transfer-Encoding") != null;
    }

    static boolean isJson(MediaType type) {
        return type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** Whether one of its parameters is the body: neither a named parameter nor something the framework injects. */
    static boolean readsBody(Method method) {
        for (Parameter parameter : method.getParameters()) {
            if (!frameworkOwned(parameter.getType().getPackageName()) && !annotatedAsNonBody(parameter)) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotatedAsNonBody(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (frameworkOwned(annotation.annotationType().getPackageName())) {
                return true; // @PathParam, @QueryParam, @HeaderParam, @BeanParam, @Context, @RestPath …
            }
        }
        return false;
    }

    private static boolean frameworkOwned(String packageName) {
        return packageName.startsWith("jakarta.ws.rs") || packageName.startsWith("org.jboss.resteasy.reactive")
                || packageName.startsWith("io.vertx");
    }
}
