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
    QUORUM_REACHED("assessment.quorum_reached"),
    /** A team's communication charter got a new version (the first, or a change). */
    CHARTER_CHANGED("charter.changed"),
    /** A team action that is neither done nor dropped reached its due date (once per action and due date). */
    ACTION_DUE("action.due"),
    /** A closed round's profile was published to its team's members (once per publication). */
    PROFILE_PUBLISHED("profile.published"),
    /** A test message a tenant admin asks for, to one endpoint; nobody subscribes to it. */
    TEST("webhook.test", false);

    private final String wireName;
    private final boolean subscribable;

    WebhookEventType(String wireName) {
        this(wireName, true);
    }

    WebhookEventType(String wireName, boolean subscribable) {
        this.wireName = wireName;
        this.subscribable = subscribable;
    }

    public String wireName() {
        return wireName;
    }

    /** The event an endpoint may subscribe to under this name. */
    public static Optional<WebhookEventType> subscribable(String wireName) {
        return Arrays.stream(values()).filter(type -> type.subscribable && type.wireName.equals(wireName)).findFirst();
    }

    public static List<String> subscribableNames() {
        return Arrays.stream(values()).filter(type -> type.subscribable).map(WebhookEventType::wireName).toList();
    }
}
