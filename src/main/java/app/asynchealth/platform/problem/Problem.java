package app.asynchealth.platform.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail: the body of every 4xx and 5xx response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(description = "Identifies the kind of problem", examples = "urn:async-health:problem:validation-failed") URI type,
        @Schema(description = "Short summary of the kind of problem") String title,
        @Schema(description = "The HTTP status code") int status,
        @Schema(description = "What went wrong in this occurrence") String detail,
        @Schema(description = "The request path, a URI reference relative to the service", format = "uri-reference") URI instance,
        @Schema(description = "One entry per invalid field, for validation problems") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "The field, as a dotted path into the request body or the name of a parameter") String field,
            @Schema(description = "What is wrong with it") String message) {
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
