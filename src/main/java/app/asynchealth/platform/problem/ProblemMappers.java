package app.asynchealth.platform.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import app.asynchealth.platform.web.StrictJson;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves the service as {@code application/problem+json}. Details are written here, never copied from
 * exception messages, so that no class name, SQL or stack trace reaches a client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.type(), e.getMessage(), e.errors(), uri);
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        return respond(ProblemType.VALIDATION_FAILED, "The request is not valid.", errors, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(ProblemType.MALFORMED_REQUEST, "The request body is not well-formed JSON (line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", null, uri);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(ProblemType.VALIDATION_FAILED, "The request body has a property this operation does not accept.",
                List.of(new Problem.FieldError(pathOf(e), "unknown property")), uri);
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        String message = "has the wrong type or format";
        Class<?> target = e.getTargetType();
        if (e instanceof StrictJson.Refused refused) {
            message = refused.reason();
        } else if (target != null && target.isEnum()) {
            message = "must be one of " + Arrays.stream(target.getEnumConstants())
                    .map(constant -> '"' + jsonName((Enum<?>) constant) + '"')
                    .collect(Collectors.joining(", "));
        }
        return respond(ProblemType.VALIDATION_FAILED, "The request is not valid.",
                List.of(new Problem.FieldError(pathOf(e), message)), uri);
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object.", null, uri);
        }
        return respond(ProblemType.VALIDATION_FAILED, "The request is not valid.",
                List.of(new Problem.FieldError(field, "has the wrong type")), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemType.MALFORMED_REQUEST, "The request body could not be read as JSON.", null, uri);
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        if (DatabaseFailures.unavailable(e)) {
            return unavailable(e, uri); // the token could not be checked against the database: not the caller's fault
        }
        return Response.fromResponse(respond(ProblemType.UNAUTHENTICATED,
                "A valid bearer token is required.", null, uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "Your roles do not allow this operation.", null, uri);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return respond(ProblemType.PRECONDITION_FAILED,
                "The resource was changed by another request meanwhile; fetch it again and retry.", null, uri);
    }

    @ServerExceptionMapper
    public Response integrity(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        return respond(ProblemType.CONFLICT, "The request conflicts with the current state of a resource.", null, uri);
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return fromJson(json, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        Response.ResponseBuilder response = Response.fromResponse(respond(type, frameworkDetail(status), null, uri));
        response.status(status);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    private Response fromJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(unknown, uri);
        }
        if (e instanceof InvalidFormatException format) {
            return wrongValue(format, uri);
        }
        if (e instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch, uri);
        }
        return unreadableJson(e, uri);
    }

    /** The database is gone for now: 503 with Retry-After, so that clients and balancers back off and retry. */
    private Response unavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable (%s); answering 503", rootMessage(e));
        Response response = respond(ProblemType.UNAVAILABLE,
                "The service cannot reach its database right now; retry after the time in Retry-After.", null, uri);
        response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, DatabaseFailures.RETRY_AFTER_SECONDS);
        return response;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.unavailable(e)) {
            return unavailable(e, uri);
        }
        if (DatabaseFailures.refusedValue(e)) {
            // A safety net behind the request checks: a value PostgreSQL cannot store is the request's fault.
            return respond(ProblemType.VALIDATION_FAILED, "The request has a value that cannot be stored.", null, uri);
        }
        // A conflict found only at commit arrives wrapped by the transaction manager.
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem(problem, uri);
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return concurrentUpdate((RuntimeException) cause, uri);
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return integrity(violation, uri);
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return respond(ProblemType.INTERNAL_ERROR,
                "The service failed to answer this request. Incident " + incident + " was logged.", null, uri);
    }

    private static String frameworkDetail(int status) {
        return switch (status) {
            case 404 -> "There is no such resource.";
            case 405 -> "This resource does not support that method.";
            case 406 -> "The service cannot produce a representation the request accepts.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request body must be application/json.";
            case 401 -> "A valid bearer token is required.";
            case 403 -> "Your roles do not allow this operation.";
            default -> "The request could not be processed.";
        };
    }

    private static Response respond(ProblemType type, String detail, List<Problem.FieldError> errors, UriInfo uri) {
        URI instance = uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
        return new Problem(type.uri(), type.title(), type.status().getStatusCode(), detail, instance,
                errors == null || errors.isEmpty() ? null : errors).toResponse();
    }

    /** A bean-validation path without the method and body-parameter nodes: "settings.name", or a parameter name. */
    static String fieldOf(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            boolean bodyParameter = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
            if (bodyParameter || node.getName() == null) {
                continue;
            }
            names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
        }
        return String.join(".", names);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonName(Enum<?> constant) {
        try {
            var property = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property != null ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
