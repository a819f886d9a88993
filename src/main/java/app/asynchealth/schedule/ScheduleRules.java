package app.asynchealth.schedule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.asynchealth.platform.problem.Problem.FieldError;
import app.asynchealth.platform.time.TimeZones;
import app.asynchealth.schedule.ScheduleRepresentations.ScheduleRequest;

/**
 * What makes a schedule consistent beyond the shape Bean Validation checks: the cadence and its interval, a real time
 * zone, a window that ends before the next round starts, reminders inside the window. Plain Java.
 */
final class ScheduleRules {

    static final Duration SHORTEST_WINDOW = Duration.ofHours(1);
    static final Duration SHORTEST_REMINDER = Duration.ofMinutes(1);

    private ScheduleRules() {
    }

    /** @return every broken rule, empty when the schedule may be stored */
    static List<FieldError> violations(ScheduleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.cadence() == Cadence.WEEKLY && request.intervalWeeks() == null) {
            errors.add(new FieldError("intervalWeeks", "is required with a weekly cadence"));
        }
        if (request.cadence() == Cadence.MONTHLY && request.intervalWeeks() != null) {
            errors.add(new FieldError("intervalWeeks", "goes with a weekly cadence only"));
        }
        if (request.timeZone() != null && !TimeZones.isRegion(request.timeZone())) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone id such as Europe/Berlin"));
        }
        Duration window = request.answerWindow() == null ? null : duration(request.answerWindow());
        if (request.answerWindow() != null && window == null) {
            errors.add(new FieldError("answerWindow", "must be an ISO-8601 duration such as P5D or PT36H"));
        } else if (window != null) {
            Duration longest = request.cadence() == Cadence.MONTHLY ? Duration.ofDays(28)
                    : request.intervalWeeks() == null ? null : Duration.ofDays(7L * request.intervalWeeks());
            if (window.compareTo(SHORTEST_WINDOW) < 0) {
                errors.add(new FieldError("answerWindow", "must be at least PT1H"));
            } else if (longest != null && window.compareTo(longest) > 0) {
                errors.add(new FieldError("answerWindow", "must end before the next round starts: at most "
                        + longest.toDays() + " days"));
            }
        }
        if (request.reminders() != null) {
            Set<Duration> seen = new HashSet<>();
            for (int i = 0; i < request.reminders().size(); i++) {
                String text = request.reminders().get(i);
                if (text == null) {
                    continue;
                }
                String at = "reminders[" + i + "]";
                Duration offset = duration(text);
                if (offset == null) {
                    errors.add(new FieldError(at, "must be an ISO-8601 duration such as P2D or PT4H"));
                } else if (offset.compareTo(SHORTEST_REMINDER) < 0) {
                    errors.add(new FieldError(at, "must be at least PT1M before the round closes"));
                } else if (window != null && offset.compareTo(window) >= 0) {
                    errors.add(new FieldError(at, "must be shorter than answerWindow (a reminder comes after the round opens)"));
                } else if (!seen.add(offset)) {
                    errors.add(new FieldError(at, "is listed twice"));
                }
            }
        }
        return errors;
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
