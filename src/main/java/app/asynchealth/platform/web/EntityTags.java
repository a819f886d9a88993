package app.asynchealth.platform.web;

import jakarta.ws.rs.core.EntityTag;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;

/** Strong entity tags made of a resource's version, and the If-Match check that guards its updates. */
public final class EntityTags {

    private EntityTags() {
    }

    public static EntityTag of(int version) {
        return of(Integer.toString(version));
    }

    /** A strong tag with an opaque value (no quotes or backslashes), for resources whose version alone is not unique. */
    public static EntityTag of(String value) {
        return new EntityTag(value);
    }

    /**
     * For resources where last-writer-wins is never acceptable: an If-Match naming a tag is required (428 without one;
     * {@code *} proves no read either), and it must name the current version (412 otherwise).
     */
    public static void requireCurrent(String ifMatch, int currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "This change needs If-Match with the ETag you read, so that it cannot overwrite a change you have not seen.");
        }
        requireMatch(ifMatch, currentVersion);
    }

    /**
     * Passes when there is no If-Match (the caller accepts last-writer-wins), when it is {@code *}, or when one of
     * its tags is the current version; otherwise the update is refused with 412.
     */
    public static void requireMatch(String ifMatch, int currentVersion) {
        requireMatch(ifMatch, Integer.toString(currentVersion));
    }

    /** As {@link #requireMatch(String, int)}, against a tag's value (what {@link #of(String)} was given). */
    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                continue; // If-Match uses strong comparison (RFC 9110, 13.1.1)
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    && value.substring(1, value.length() - 1).equals(current)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The resource has changed since you read it (If-Match does not match its ETag); fetch it again.");
    }
}
