package app.asynchealth.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Server-driven negotiation for resources with several representations (JSON, and pictures of it), and their
 * representation-specific validators: each answer varies by Accept and carries an ETag of its own bytes, so that
 * If-None-Match (NotModified) works per representation and a cache never hands one representation for another.
 */
public final class Representations {

    private Representations() {
    }

    /**
     * The offered type the request accepts with the highest quality; on a tie the one offered first (so JSON, offered
     * first, answers a request without Accept, {@code * /*}, or a generated client that lists every type at once).
     * Null when none is acceptable (JAX-RS has answered 406 before a resource method runs, so only q=0 gets here).
     */
    public static MediaType preferred(HttpHeaders headers, MediaType... offered) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType candidate : offered) {
            double quality = 0;
            for (MediaType type : accepted) {
                if (type.isCompatible(candidate)) {
                    quality = Math.max(quality, quality(type));
                }
            }
            if (quality > bestQuality) {
                best = candidate;
                bestQuality = quality;
            }
        }
        return best;
    }

    private static double quality(MediaType type) {
        String q = type.getParameters().get("q");
        if (q == null) {
            return 1;
        }
        try {
            double value = Double.parseDouble(q);
            return value >= 0 && value <= 1 ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** 200 with the bytes, their type, a strong ETag of their content, and Vary: Accept. */
    public static Response.ResponseBuilder ok(byte[] body, MediaType type) {
        return Response.ok(body, type).tag(ofContent(body)).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }

    public static Response.ResponseBuilder ok(String body, MediaType type) {
        return ok(body.getBytes(StandardCharsets.UTF_8), type.withCharset(StandardCharsets.UTF_8.name()));
    }

    /** A strong tag of the exact bytes: two representations, or two states, differ in tag whenever they differ at all. */
    public static EntityTag ofContent(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
