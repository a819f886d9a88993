package app.asynchealth.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;

/**
 * A property of a request is given a value or left out; {@code null} is refused (400, naming where), as the contract
 * declares no nullable property and responses leave absent values out. Without this, Jackson reads an explicit null
 * as "absent" for one property and an operation could one day read it as "clear it" for another, and a client
 * could not tell from the contract which. Checked on the raw tokens before binding, because Jackson cannot tell an
 * explicit null from an absent record component. A body that is not well-formed JSON is left to the binding, which
 * reports it. A body that is null as a whole is refused too.
 */
@Provider
public class NoNullValues implements ReaderInterceptor {

    public static final String MESSAGE = "must not be null; leave it out instead";

    private static final JsonFactory TOKENS = new JsonFactory();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (isNullDocument(body)) {
            // Binding would make it a missing body, which an operation with an optional body reads as "the default"
            // (inviting the whole team): null means no more here than anywhere else.
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The request body must be a JSON object, not null; where the body is optional, send none instead.");
        }
        String nullAt = firstNull(body);
        if (nullAt != null) {
            throw ProblemException.invalid(nullAt, MESSAGE);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Whether the whole document is the JSON literal null. */
    static boolean isNullDocument(byte[] body) throws IOException {
        try (JsonParser parser = TOKENS.createParser(body)) {
            return parser.nextToken() == JsonToken.VALUE_NULL && parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false; // not JSON: the binding answers with what is wrong
        }
    }

    /** Where the first null inside the document is, as field errors name places ({@code a.b[2]}); null if none. */
    static String firstNull(byte[] body) throws IOException {
        try (JsonParser parser = TOKENS.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NULL && !parser.getParsingContext().inRoot()) {
                    return path(parser.getParsingContext());
                }
            }
        } catch (JsonProcessingException e) {
            return null; // not JSON: the binding answers with what is wrong
        }
        return null;
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            parts.push(at.inObject() ? at.getCurrentName() : "[" + at.getCurrentIndex() + "]");
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
