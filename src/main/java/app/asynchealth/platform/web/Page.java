package app.asynchealth.platform.web;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list. {@code nextCursor} is absent on the last page. */
public record Page<T>(
        List<T> items,
        @Schema(description = "Opaque cursor for the next page; absent on the last page") String nextCursor) {
}
