package app.asynchealth.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/**
 * The occurrences of a schedule: occurrence k starts on {@code startsOn} + k periods, at {@code timeOfDay} in the
 * schedule's zone, so a round starts at the same local time on either side of a daylight-saving change (a time the
 * change skips moves forward by the gap; a repeated time takes the earlier offset). Monthly occurrences count from the
 * first date each time, so one on the 31st falls on the last day of shorter months and returns to the 31st after.
 * Plain Java: no clock of its own, every instant is given.
 */
record Recurrence(Cadence cadence, int intervalWeeks, LocalDate startsOn, LocalTime timeOfDay, ZoneId zone,
        Duration window) {

    ZonedDateTime start(long index) {
        LocalDate date = cadence == Cadence.WEEKLY ? startsOn.plusWeeks(index * intervalWeeks)
                : startsOn.plusMonths(index);
        return ZonedDateTime.of(date, timeOfDay, zone);
    }

    /** When a round that starts then closes: whole days of the window as local days (the same local time), then the rest. */
    Instant closes(ZonedDateTime start) {
        long days = window.toDays();
        return start.plusDays(days).plus(window.minusDays(days)).toInstant();
    }

    /** The first occurrence starting at or after the instant. */
    long firstAtOrAfter(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        long estimate = cadence == Cadence.WEEKLY
                ? Math.floorDiv(ChronoUnit.DAYS.between(startsOn, day), 7L * intervalWeeks)
                : ChronoUnit.MONTHS.between(startsOn, day);
        long index = Math.max(0, estimate - 1); // a period early at most: the loop below takes it the rest of the way
        while (start(index).toInstant().isBefore(instant)) {
            index++;
        }
        return index;
    }

    /** The last occurrence starting at or before the instant, if one does. */
    OptionalLong latestAtOrBefore(Instant instant) {
        long next = firstAtOrAfter(instant);
        if (start(next).toInstant().equals(instant)) {
            return OptionalLong.of(next);
        }
        return next == 0 ? OptionalLong.empty() : OptionalLong.of(next - 1);
    }

    /** The longest answering window: up to the next round's start, so that a schedule's rounds never overlap. */
    Duration longestWindow() {
        return cadence == Cadence.WEEKLY ? Duration.ofDays(7L * intervalWeeks) : Duration.ofDays(28);
    }
}
