package app.asynchealth.charter;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.asynchealth.charter.CharterContent.AfterHours;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.TimeWindow;
import app.asynchealth.charter.CharterContent.Urgency;
import app.asynchealth.charter.CharterContent.WeeklyBlock;
import app.asynchealth.platform.time.TimeZones;

/**
 * What makes a charter consistent beyond the shape Bean Validation checks: rules that relate values to each other or
 * to the world (time zones). Plain Java; the service turns each violation into a field error of a 400.
 */
public final class CharterRules {

    static final Duration SHORTEST_RESPONSE = Duration.ofMinutes(1);
    static final Duration LONGEST_RESPONSE = Duration.ofHours(120);

    private CharterRules() {
    }

    /** One broken rule: the field as a path into the request body, and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    /** @return every broken rule, empty when the charter may be stored */
    public static List<Violation> violations(CharterContent charter) {
        List<Violation> violations = new ArrayList<>();
        if (charter.channels() != null) {
            channels(charter.channels(), violations);
        }
        if (charter.afterHours() != null) {
            afterHours(charter.afterHours(), violations);
        }
        if (charter.meetings() != null && charter.meetings().meetingFreeBlocks() != null) {
            blocks("meetings.meetingFreeBlocks", charter.meetings().meetingFreeBlocks(), violations);
        }
        if (charter.focus() != null && charter.focus().blocks() != null) {
            blocks("focus.blocks", charter.focus().blocks(), violations);
        }
        return violations;
    }

    private static void channels(List<Channel> channels, List<Violation> violations) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            String at = "channels[" + i + "]";
            if (channel.key() != null && !keys.add(channel.key())) {
                violations.add(new Violation(at + ".key", "another channel has the key '" + channel.key() + "'"));
            }
            if (channel.responseExpectations() == null) {
                continue;
            }
            Set<Urgency> urgencies = EnumSet.noneOf(Urgency.class);
            for (int j = 0; j < channel.responseExpectations().size(); j++) {
                ResponseExpectation expectation = channel.responseExpectations().get(j);
                String expectationAt = at + ".responseExpectations[" + j + "]";
                if (expectation.urgency() != null && !urgencies.add(expectation.urgency())) {
                    violations.add(new Violation(expectationAt + ".urgency",
                            "this channel already has an expectation for this urgency"));
                }
                if (expectation.within() != null && !withinBounds(expectation.within())) {
                    violations.add(new Violation(expectationAt + ".within",
                            "must be at least PT1M and at most PT120H"));
                }
            }
        }
    }

    private static boolean withinBounds(String within) {
        try {
            Duration duration = Duration.parse(within);
            return duration.compareTo(SHORTEST_RESPONSE) >= 0 && duration.compareTo(LONGEST_RESPONSE) <= 0;
        } catch (DateTimeParseException | ArithmeticException e) {
            return false; // beyond what a Duration holds: far beyond the bound
        }
    }

    private static void afterHours(AfterHours afterHours, List<Violation> violations) {
        if (afterHours.timeZones() != null) {
            Set<String> zones = new HashSet<>();
            for (int i = 0; i < afterHours.timeZones().size(); i++) {
                String zone = afterHours.timeZones().get(i);
                String at = "afterHours.timeZones[" + i + "]";
                if (zone == null) {
                    continue;
                }
                if (!TimeZones.isRegion(zone)) {
                    violations.add(new Violation(at, "is not an IANA time zone id such as Europe/Berlin"));
                } else if (!zones.add(zone)) {
                    violations.add(new Violation(at, "is listed twice"));
                }
            }
        }
        window("afterHours.workingHours", afterHours.workingHours(), violations);
        window("afterHours.quietHours", afterHours.quietHours(), violations);
    }

    private static void window(String at, TimeWindow window, List<Violation> violations) {
        // A window may run past midnight (start after end); one that starts where it ends is empty or the whole day.
        if (window != null && window.start() != null && window.start().equals(window.end())) {
            violations.add(new Violation(at, "must not start when it ends"));
        }
    }

    private static void blocks(String at, List<WeeklyBlock> blocks, List<Violation> violations) {
        for (int i = 0; i < blocks.size(); i++) {
            WeeklyBlock block = blocks.get(i);
            String blockAt = at + "[" + i + "]";
            // HH:mm strings of the same pattern compare as the times they are.
            if (block.start() != null && block.end() != null && block.start().compareTo(block.end()) >= 0) {
                violations.add(new Violation(blockAt + ".end", "must be later than start (a block does not run past midnight)"));
            }
            if (block.days() != null) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                for (DayOfWeek day : block.days()) {
                    if (day != null && !days.add(day)) {
                        violations.add(new Violation(blockAt + ".days", day + " is listed twice"));
                    }
                }
            }
        }
    }
}
