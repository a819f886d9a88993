package app.asynchealth.response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.response.ResponseRepresentations.ResponseView;

/**
 * The caller's own response with its entity tag. A withdrawn response is deleted, and answering again makes a new row
 * whose version starts at 0 again; so the tag names the row too (a digest of its id, which it does not disclose) beside
 * the version: an ETag read before a withdrawal matches nothing made after it, in another tab or on another device.
 */
public record OwnResponse(ResponseView body, String etag) {

    /** What an ETag's value looks like: 16 hex digits of the row's digest, a hyphen, the version. */
    public static final Pattern ETAG_FORMAT = Pattern.compile("[0-9a-f]{16}-[0-9]{1,9}");

    static OwnResponse of(AssessmentResponse response, ResponseView body) {
        return new OwnResponse(body, etagOf(response));
    }

    static String etagOf(AssessmentResponse response) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(response.id.toString().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8) + "-" + response.version;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public Response ok() {
        return Response.ok(body).tag(EntityTags.of(etag)).build();
    }
}
