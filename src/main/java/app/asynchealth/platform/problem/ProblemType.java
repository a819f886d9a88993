package app.asynchealth.platform.problem;

import java.net.URI;

import jakarta.ws.rs.core.Response.Status;

/** The kinds of problem the API reports; each has a stable type URI clients may switch on. */
public enum ProblemType {
    MALFORMED_REQUEST(Status.BAD_REQUEST, "Malformed request"),
    VALIDATION_FAILED(Status.BAD_REQUEST, "Validation failed"),
    UNAUTHENTICATED(Status.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN(Status.FORBIDDEN, "Forbidden"),
    NOT_FOUND(Status.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(Status.NOT_ACCEPTABLE, "Not acceptable"),
    CONFLICT(Status.CONFLICT, "Conflict"),
    /** A team with assessments is not deleted: its rounds are its history (their drafts can be deleted first). */
    TEAM_HAS_ASSESSMENTS(Status.CONFLICT, "Team has assessments"),
    PRECONDITION_FAILED(Status.PRECONDITION_FAILED, "Precondition failed"),
    PRECONDITION_REQUIRED(Status.PRECONDITION_REQUIRED, "Precondition required"),
    PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    TOO_MANY_REQUESTS(Status.TOO_MANY_REQUESTS, "Too many requests"),
    INTERNAL_ERROR(Status.INTERNAL_SERVER_ERROR, "Internal error"),
    UNAVAILABLE(Status.SERVICE_UNAVAILABLE, "Service unavailable");

    private final Status status;
    private final String title;

    ProblemType(Status status, String title) {
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create("urn:async-health:problem:" + name().toLowerCase().replace('_', '-'));
    }

    public Status status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type that fits a status the framework chose. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.getStatusCode() == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
