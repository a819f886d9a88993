package app.asynchealth.platform.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Conditional reads, in one place for every GET that sends an ETag: If-None-Match naming the current tag answers 304
 * with no body (and the ETag), so that a client polling a resource downloads it only when it changed.
 */
@Provider
public class NotModified implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.GET.equals(request.getMethod()) || response.getStatus() != Response.Status.OK.getStatusCode()) {
            return;
        }
        EntityTag current = response.getEntityTag();
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (current == null || ifNoneMatch == null || !matches(ifNoneMatch, current)) {
            return;
        }
        response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
        response.setEntity(null);
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    }

    /**
     * If-None-Match compares weakly (RFC 9110, 13.1.2): W/"3" matches "3"; {@code *} matches any current tag. Not
     * JAX-RS's {@code Request.evaluatePreconditions}: RESTEasy Reactive's compares strongly (W/"3" would not match
     * "3"), and it would also judge If-Match, which a read does not take.
     */
    static boolean matches(String ifNoneMatch, EntityTag current) {
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    && value.substring(1, value.length() - 1).equals(current.getValue())) {
                return true;
            }
        }
        return false;
    }
}
