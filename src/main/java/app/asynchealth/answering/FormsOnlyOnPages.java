package app.asynchealth.answering;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * The CSRF check the answer pages use (quarkus-rest-csrf) guards every form post the service receives, and answers a
 * form without its token, or a form content type without a body, with a bare 400. Forms belong to the pages only:
 * before that check, an API request that says it sends a form is answered as the API answers any body that is not
 * JSON (415, a problem detail), and one that says so but sends nothing is read as what it is, a request without a body
 * (such requests take any content type, and some clients label an empty POST a form).
 */
@Provider
@PreMatching
public class FormsOnlyOnPages implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || request.getUriInfo().getRequestUri().getRawPath().startsWith("/respond") || !isForm(type)) {
            return;
        }
        if (!hasBody(request)) {
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            return;
        }
        throw new NotSupportedException();
    }

    private static boolean isForm(MediaType type) {
        return type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE);
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null || length != null && !length.strip().equals("0");
    }
}
