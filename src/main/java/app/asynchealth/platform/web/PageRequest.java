package app.asynchealth.platform.web;

import java.util.Optional;
import java.util.UUID;

import app.asynchealth.platform.problem.ProblemException;

/** A validated request for one page: at most {@code limit} items after the item whose sort key is {@code after}. */
public record PageRequest(int limit, Optional<String> after) {

    /** Fetch one more than the page holds, to learn whether a next page exists without counting. */
    public int fetchSize() {
        return limit + 1;
    }

    /** The sort key as an id, for lists ordered by id; a cursor that holds anything else is refused. */
    public Optional<UUID> afterId() {
        try {
            return after.map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this list issued to you");
        }
    }
}
