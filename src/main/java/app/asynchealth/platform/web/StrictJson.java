package app.asynchealth.platform.web;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies mean exactly what they say: no number read as text or text as a number, no fraction cut to an
 * integer, no duplicate keys, nothing after the document. And nothing is stored other than sent: text is plain text,
 * with no control character (C0, DEL or C1) but tab and line breaks (PostgreSQL refuses NUL; the others have no place in a name or an
 * answer) and no unpaired surrogate (it would be stored as '?'), decimals in free-form values (answers)
 * stay exact instead of rounding through a double (1e-999999999 is not 0, 1e999999999 is not infinity), and instants
 * are ISO-8601 strings only, never epoch numbers. A property is given a value or left out:
 * {@code null} is refused ({@link NoNullValues}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    static final String TEXT_RULE = "must be plain text: no control characters (but tab and line breaks), no unpaired surrogates";
    static final String INSTANT_RULE = "must be an ISO-8601 date-time with an offset, such as 2026-05-01T09:00:00Z";

    /** A value refused by these rules, with what is wrong with it; mapped to a field error. */
    public static final class Refused extends InvalidFormatException {

        private final String reason;

        Refused(JsonParser parser, String reason, Object value, Class<?> target) {
            super(parser, reason, value, target);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // after Quarkus' own modules, so that these deserializers take precedence
    }

    @Override
    @SuppressWarnings("deprecation") // configure(MapperFeature, boolean) is the way to set it on a built mapper in 2.x
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule strict = new SimpleModule("async-health-strict");
        strict.addDeserializer(String.class, new CheckedString());
        strict.addKeyDeserializer(String.class, new CheckedKey());
        strict.addDeserializer(JsonNode.class, new CheckedTree());
        strict.addDeserializer(Instant.class, new IsoInstant());
        mapper.registerModule(strict);
    }

    /** Whether text is plain text that is stored as sent: no control character but tab and line breaks, no half pair. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // C0 but tab and line breaks, DEL, and C1 (U+0080-U+009F: invisible, and read as commands by terminals).
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !storable(text)) {
                throw new Refused(parser, TEXT_RULE, text, String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    private static final class CheckedKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (!storable(key)) {
                throw new Refused(context.getParser(), TEXT_RULE, key, String.class);
            }
            return key;
        }
    }

    /** Free-form values (answers): every text and property name inside is checked, with its path. */
    private static final class CheckedTree extends JsonDeserializer<JsonNode> {

        @SuppressWarnings("unchecked")
        private final JsonDeserializer<JsonNode> tree = (JsonDeserializer<JsonNode>) (JsonDeserializer<?>) JsonNodeDeserializer
                .getDeserializer(JsonNode.class);

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = tree.deserialize(parser, context);
            check(parser, node);
            return node;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return NullNode.getInstance();
        }

        private static void check(JsonParser parser, JsonNode node) throws JsonMappingException {
            if (node.isTextual() && !storable(node.textValue())) {
                throw new Refused(parser, TEXT_RULE, node.textValue(), String.class);
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    try {
                        check(parser, node.get(i));
                    } catch (JsonMappingException e) {
                        e.prependPath(node, i);
                        throw e;
                    }
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!storable(field.getKey())) {
                        throw new Refused(parser, TEXT_RULE, field.getKey(), String.class);
                    }
                    try {
                        check(parser, field.getValue());
                    } catch (JsonMappingException e) {
                        e.prependPath(node, field.getKey());
                        throw e;
                    }
                }
            }
        }
    }

    /** Only an ISO-8601 string with an offset: Jackson would also read numbers, and digit strings, as epoch seconds. */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refused(parser, INSTANT_RULE, parser.getText(), Instant.class);
            }
            String text = parser.getText().strip();
            try {
                return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            } catch (DateTimeParseException e) {
                throw new Refused(parser, INSTANT_RULE, text, Instant.class);
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
