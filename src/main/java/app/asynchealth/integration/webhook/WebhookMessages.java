package app.asynchealth.integration.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * The wire form of a webhook, as the Standard Webhooks specification has it: a JSON body {@code {type, timestamp,
 * data}}, and the headers {@code webhook-id} (the event's id, the same on every retry, for receivers to drop
 * duplicates), {@code webhook-timestamp} (seconds, when this attempt was signed) and {@code webhook-signature}
 * ({@code v1,<base64 HMAC-SHA256 of id.timestamp.body>}, made by the specification's own library).
 */
final class WebhookMessages {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";

    private WebhookMessages() {
    }

    static String messageId(UUID eventId) {
        return "msg_" + eventId;
    }

    static String payload(ObjectMapper json, WebhookEventType type, Instant at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("timestamp", at.toString());
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signature(String secret, String messageId, long timestampSeconds, String payload) {
        try {
            return new Webhook(secret).sign(messageId, timestampSeconds, payload);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("could not sign a webhook", e);
        }
    }
}
