package app.asynchealth.platform.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Text properties of request bodies hold text: no control characters but tab and line breaks (PostgreSQL cannot store
 * NUL at all, and the others have no place in a name), and no half of a surrogate pair (it has no UTF-8 encoding, so it
 * would be stored altered). Refused as a field error, before anything runs.
 */
@Singleton
public class PlainText implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new TextDeserializer()));
    }

    /** @return why the text is not plain text, or null when it is */
    public static String refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a whole pair: one character beyond the Basic Multilingual Plane
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    static final class TextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String refusal = text == null ? null : refusal(text);
            if (refusal != null) {
                throw InvalidFormatException.from(parser, "text " + refusal, text, String.class);
            }
            return text;
        }
    }
}
