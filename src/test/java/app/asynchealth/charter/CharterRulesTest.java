package app.asynchealth.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.asynchealth.charter.CharterContent.AfterHours;
import app.asynchealth.charter.CharterContent.AfterHoursReplies;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.FocusPolicy;
import app.asynchealth.charter.CharterContent.MeetingPolicy;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.TimeWindow;
import app.asynchealth.charter.CharterContent.Urgency;
import app.asynchealth.charter.CharterContent.WeeklyBlock;
import app.asynchealth.charter.CharterRules.Violation;

class CharterRulesTest {

    static CharterContent withChannels(Channel... channels) {
        return new CharterContent(null, List.of(channels), null, null, null, null);
    }

    static Channel channel(String key, ResponseExpectation... expectations) {
        return new Channel(key, key, "for " + key, List.of(expectations));
    }

    static List<String> fields(CharterContent charter) {
        return CharterRules.violations(charter).stream().map(Violation::field).toList();
    }

    @Test
    void aFullAndAnEmptyCharterAreValid() {
        assertThat(CharterRules.violations(CharterCoverageTest.full())).isEmpty();
        assertThat(CharterRules.violations(CharterCoverageTest.EMPTY)).isEmpty();
    }

    @Test
    void channelKeysAreUniqueAndEachUrgencyAppearsOncePerChannel() {
        assertThat(fields(withChannels(channel("chat"), channel("mail"), channel("chat"))))
                .containsExactly("channels[2].key");
        assertThat(fields(withChannels(channel("chat", new ResponseExpectation(Urgency.NORMAL, "PT4H", null),
                new ResponseExpectation(Urgency.NORMAL, "PT2H", null))))).containsExactly(
                        "channels[0].responseExpectations[1].urgency");
    }

    @Test
    void responseTimesLieBetweenOneMinuteAndOneHundredTwentyHours() {
        for (String ok : List.of("PT1M", "PT120H", "PT119H60M", "PT4H30M")) {
            assertThat(fields(withChannels(channel("chat", new ResponseExpectation(Urgency.LOW, ok, null))))).as(ok)
                    .isEmpty();
        }
        for (String bad : List.of("PT0M", "PT0H", "PT120H1M", "PT121H", "PT99999999999999999999H")) {
            assertThat(fields(withChannels(channel("chat", new ResponseExpectation(Urgency.LOW, bad, null))))).as(bad)
                    .containsExactly("channels[0].responseExpectations[0].within");
        }
    }

    static CharterContent withAfterHours(List<String> zones, TimeWindow working, TimeWindow quiet) {
        return new CharterContent(null, null, new AfterHours(zones, working, quiet, AfterHoursReplies.NOT_EXPECTED, null),
                null, null, null);
    }

    @Test
    void timeZonesAreIanaRegionsListedOnce() {
        assertThat(fields(withAfterHours(List.of("Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires"), null, null)))
                .isEmpty();
        assertThat(fields(withAfterHours(List.of("Europe/Berlin", "Mars/Olympus", "+01:00", "europe/berlin",
                "Europe/Berlin"), null, null))).containsExactly("afterHours.timeZones[1]", "afterHours.timeZones[2]",
                        "afterHours.timeZones[3]", "afterHours.timeZones[4]");
    }

    @Test
    void aDailyWindowMayRunPastMidnightButNotStartWhenItEnds() {
        assertThat(fields(withAfterHours(List.of("UTC"), new TimeWindow("22:00", "06:00"), new TimeWindow("20:00", "08:00"))))
                .isEmpty();
        assertThat(fields(withAfterHours(List.of("UTC"), new TimeWindow("09:00", "09:00"), new TimeWindow("20:00", "20:00"))))
                .containsExactly("afterHours.workingHours", "afterHours.quietHours");
    }

    @Test
    void weeklyBlocksEndAfterTheyStartAndNameEachDayOnce() {
        WeeklyBlock backwards = new WeeklyBlock(List.of(DayOfWeek.MONDAY), "12:00", "09:00");
        WeeklyBlock empty = new WeeklyBlock(List.of(DayOfWeek.MONDAY), "09:00", "09:00");
        WeeklyBlock twice = new WeeklyBlock(List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY), "09:00", "12:00");
        CharterContent charter = new CharterContent(null, null, null,
                new MeetingPolicy(null, null, null, List.of(backwards, twice)),
                new FocusPolicy(null, List.of(empty), null), null);
        assertThat(fields(charter)).containsExactly("meetings.meetingFreeBlocks[0].end",
                "meetings.meetingFreeBlocks[1].days", "focus.blocks[0].end");
    }

    @Test
    void markdownEscapesTableMetacharactersAndRawHtmlInTheTeamsText() {
        CharterContent charter = withChannels(new Channel("chat", "Slack | #pay", "Questions\nand <b>answers</b>",
                List.of(new ResponseExpectation(Urgency.NORMAL, "PT1H30M", false))));
        String markdown = CharterMarkdown.render("Payments", 2, Instant.parse("2026-11-30T10:15:00Z"), charter);
        assertThat(markdown).contains("| Slack \\| #pay | Questions<br>and &lt;b>answers&lt;/b> | – | within 1 h 30 min (around the clock) | – |")
                .contains("## After hours\n\n_Not agreed yet._").contains("_Version 2, 2026-11-30 10:15 UTC._");
        // Every table row still has exactly its six unescaped pipes.
        markdown.lines().filter(line -> line.startsWith("| Slack")).forEach(line -> assertThat(
                line.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(6));
    }
}
