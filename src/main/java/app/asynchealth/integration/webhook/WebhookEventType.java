package app.asynchealth.integration.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events an endpoint can subscribe to, by their names on the wire. */
public enum WebhookEventType {
    /** An assessment closed, by its closing time or by hand; its final profile exists or is suppressed. */
    ASSESSMENT_CLOSED("assessment.closed"),
    /** A closed assessment's profile is available: it had at least the anonymity threshold of respondents. */
    PROFILE_AVAILABLE("profile.available"),
    /** An open assessment reached the anonymity threshold of submitted responses (once per assessment). */
    QUORUM_REACHED("assessment.quorum_reached");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
    }
}
