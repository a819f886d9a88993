package app.asynchealth.platform.web;

import java.util.Optional;

/** A validated request for one page: at most {@code limit} items after the item whose sort key is {@code after}. */
public record PageRequest(int limit, Optional<String> after) {

    /** Fetch one more than the page holds, to learn whether a next page exists without counting. */
    public int fetchSize() {
        return limit + 1;
    }
}
