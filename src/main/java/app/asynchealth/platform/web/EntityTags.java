package app.asynchealth.platform.web;

import jakarta.ws.rs.core.EntityTag;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;

/** Strong entity tags made of a resource's version, and the If-Match check that guards its updates. */
public final class EntityTags {

    private EntityTags() {
    }

    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version));
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
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        String current = Integer.toString(currentVersion);
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
