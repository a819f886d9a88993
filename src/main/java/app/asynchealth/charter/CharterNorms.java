package app.asynchealth.charter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import app.asynchealth.charter.CharterContent.AfterHoursReplies;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.Urgency;
import app.asynchealth.scoring.core.NormGaps.StatedNorm;

/**
 * The norms a charter states, each in the terms of the built-in assessment's question that measures how members
 * perceive it, so that a profile can set one beside the other. A norm the charter does not state is not listed.
 */
public final class CharterNorms {

    /**
     * The longest wait each answer to "How quickly are you expected to respond to messages from your team?" allows, in
     * working hours. "A few hours" is taken as up to 4 and "the same working day" as up to 8, so that an answer counts
     * as stricter than the charter only when even its longest reading is shorter than the stated time.
     */
    static final Map<String, Duration> RESPONSE_CHOICES;

    static {
        Map<String, Duration> choices = new LinkedHashMap<>();
        choices.put("immediately", Duration.ZERO);
        choices.put("within-an-hour", Duration.ofHours(1));
        choices.put("within-a-few-hours", Duration.ofHours(4));
        choices.put("same-day", Duration.ofHours(8));
        RESPONSE_CHOICES = Map.copyOf(choices);
    }

    private CharterNorms() {
    }

    public static List<StatedNorm> of(CharterContent charter, int version) {
        List<StatedNorm> norms = new ArrayList<>();
        norms.add(new StatedNorm("documented-guide", "communication-guidelines",
                "The team has a documented communication charter (version " + version + ").",
                "Share who say the team has no documented communication guide, or are not sure", "comm-guide-documented",
                Set.of("no", "not-sure"), null, List.of("no-documented-guide", "high-performers-documented-guidelines")));
        strictestNormalResponse(charter).ifPresent(expected -> {
            Duration within = Duration.parse(expected.expectation().within());
            Set<String> stricter = RESPONSE_CHOICES.entrySet().stream()
                    .filter(choice -> choice.getValue().compareTo(within) < 0).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            String statement = "Normal messages on " + expected.channel().name() + " are answered within "
                    + words(within) + "; no channel expects a faster answer to a normal message.";
            if (!stricter.isEmpty()) {
                norms.add(new StatedNorm("response-time-stricter", "response-expectations", statement,
                        "Share who believe they must answer faster than the charter states", "response-expectation", stricter, null, List.of("expected-within-an-hour", "expected-immediately")));
            }
            norms.add(new StatedNorm("response-time-unknown", "response-expectations", statement,
                    "Share who believe there is no set response-time expectation", "response-expectation", Set.of("no-set-expectation"), null, List.of()));
        });
        if (charter.meetings() != null && (Boolean.TRUE.equals(charter.meetings().statusUpdatesAsync())
                || !isEmpty(charter.meetings().justifiedWhen()))) {
            norms.add(new StatedNorm("meetings-only-when-justified", "meetings", meetingStatement(charter.meetings()),
                    "Share often or always in meetings that could have been handled asynchronously",
                    "meetings-could-be-async", Set.of("often", "always"), null,
                    List.of("meetings-could-be-async", "company-avoids-unnecessary-meetings")));
        }
        if (charter.focus() != null && charter.focus().protectedHoursPerWeek() != null) {
            double hours = charter.focus().protectedHoursPerWeek();
            norms.add(new StatedNorm("protected-focus-hours", "focus",
                    "Each member has " + number(hours) + " protected hours of focus in a typical week.",
                    "Mean hours of deep, uninterrupted focus members get in a typical week", "focus-hours",
                    null, hours, List.of("deep-focus-hours")));
        }
        if (charter.afterHours() != null && charter.afterHours().replies() != null) {
            String statement = afterHoursStatement(charter.afterHours().replies());
            norms.add(new StatedNorm("after-hours-replies", "after-hours", statement,
                    "Share who respond to work messages outside working hours often or always", "after-hours-frequency",
                    Set.of("often", "always"), null, List.of("respond-after-hours-async")));
            norms.add(new StatedNorm("after-hours-pressure", "after-hours", statement,
                    "Share who answer after hours mainly because they feel pressured to", "after-hours-reason",
                    Set.of("feel-pressured"), null, List.of()));
        }
        return norms;
    }

    private record ChannelExpectation(Channel channel, ResponseExpectation expectation) {
    }

    /** The shortest time any channel allows for a normal message: the norm members most likely feel. */
    private static Optional<ChannelExpectation> strictestNormalResponse(CharterContent charter) {
        if (charter.channels() == null) {
            return Optional.empty();
        }
        return charter.channels().stream()
                .flatMap(channel -> Optional.ofNullable(channel.responseExpectations()).orElse(List.of()).stream()
                        .filter(expectation -> expectation.urgency() == Urgency.NORMAL)
                        .map(expectation -> new ChannelExpectation(channel, expectation)))
                .min(Comparator.comparing(found -> Duration.parse(found.expectation().within())));
    }

    private static String meetingStatement(CharterContent.MeetingPolicy meetings) {
        List<String> parts = new ArrayList<>();
        if (Boolean.TRUE.equals(meetings.statusUpdatesAsync())) {
            parts.add("Status updates are written, not met about.");
        }
        if (!isEmpty(meetings.justifiedWhen())) {
            parts.add("A meeting is held only when: " + String.join("; ", meetings.justifiedWhen()) + ".");
        }
        return String.join(" ", parts);
    }

    private static String afterHoursStatement(AfterHoursReplies replies) {
        return switch (replies) {
            case NOT_EXPECTED -> "Nobody is expected to answer outside working hours.";
            case URGENT_ONLY -> "Outside working hours, only urgent messages expect an answer.";
            case ON_CALL_ONLY -> "Outside working hours, only whoever is on call is expected to answer.";
        };
    }

    static String words(Duration duration) {
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        List<String> parts = new ArrayList<>();
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (minutes > 0) {
            parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
        }
        return String.join(" ", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.stream().allMatch(Objects::isNull);
    }
}
