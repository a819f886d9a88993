package app.asynchealth.platform.problem;

import java.util.List;

/** Thrown by services to answer with a problem detail. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private Long retryAfterSeconds;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "The request is not valid.",
                List.of(new Problem.FieldError(field, message)));
    }

    /** Too many requests, or a busy resource: the client may try again after this many seconds. */
    public static ProblemException retryLater(ProblemType type, String detail, long retryAfterSeconds) {
        ProblemException problem = new ProblemException(type, detail);
        problem.retryAfterSeconds = retryAfterSeconds;
        return problem;
    }

    /** Seconds for a Retry-After header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
