package app.asynchealth.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.tenancy.TenantContext;

/**
 * Keyset pagination for every list. A cursor is opaque to clients: it carries the last sort key and the tenant it was
 * issued to, so a cursor from another tenant or another list is refused instead of silently misread.
 */
@ApplicationScoped
public class Pagination {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final ObjectMapper json;
    private final TenantContext tenant;

    Pagination(ObjectMapper json, TenantContext tenant) {
        this.json = json;
        this.tenant = tenant;
    }

    record Cursor(String list, String scope, String after) {
    }

    /** @param list names the list, so that a cursor of one list is not accepted by another */
    public PageRequest request(String list, PageParams parameters) {
        return request(list, parameters.limit, parameters.cursor);
    }

    PageRequest request(String list, String limitParameter, String cursorParameter) {
        int limit = DEFAULT_LIMIT;
        if (limitParameter != null) {
            try {
                limit = Integer.parseInt(limitParameter.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        if (cursorParameter == null || cursorParameter.isEmpty()) {
            return new PageRequest(limit, Optional.empty());
        }
        Cursor cursor = decode(cursorParameter);
        if (cursor == null || !list.equals(cursor.list()) || !scope().equals(cursor.scope()) || cursor.after() == null) {
            throw ProblemException.invalid("cursor", "is not a cursor this list issued to you");
        }
        return new PageRequest(limit, Optional.of(cursor.after()));
    }

    /** Cuts the fetched rows (one more than the limit) into a page, with a cursor when more follow. */
    public <E, R> Page<R> page(String list, PageRequest request, List<E> fetched, Function<E, String> sortKey,
            Function<E, R> representation) {
        boolean more = fetched.size() > request.limit();
        List<E> rows = more ? fetched.subList(0, request.limit()) : fetched;
        String next = more ? encode(new Cursor(list, scope(), sortKey.apply(rows.get(rows.size() - 1)))) : null;
        return new Page<>(rows.stream().map(representation).toList(), next);
    }

    /** 200 with the page, and an RFC 8288 {@code Link: rel="next"} when a next page exists. */
    public Response respond(Page<?> page, UriInfo uri) {
        return respond(page, page.nextCursor(), uri);
    }

    /** 200 with a body that holds a page, and its {@code Link: rel="next"}. */
    public Response respond(Object body, String nextCursor, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(body);
        if (nextCursor != null) {
            response.links(Link.fromUri(uri.getRequestUriBuilder().replaceQueryParam("cursor", nextCursor).build())
                    .rel("next").build());
        }
        return response.build();
    }

    /** A cursor of the list that resumes after the item with this sort key. */
    public String cursorAfter(String list, String sortKey) {
        return encode(new Cursor(list, scope(), sortKey));
    }

    private String scope() {
        return tenant.tenantId().orElse(tenant.platformScope() ? "platform" : TenantContext.NO_TENANT);
    }

    private String encode(Cursor cursor) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(cursor));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cursor decode(String cursor) {
        try {
            return json.readValue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), Cursor.class);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return null;
        }
    }
}
