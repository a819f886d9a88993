package app.asynchealth.charter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.charter.CharterContent.AfterHours;
import app.asynchealth.charter.CharterContent.AfterHoursReplies;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.FocusPolicy;
import app.asynchealth.charter.CharterContent.KnowledgeLocations;
import app.asynchealth.charter.CharterContent.MeetingPolicy;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.TimeWindow;
import app.asynchealth.charter.CharterContent.Urgency;
import app.asynchealth.charter.CharterContent.WeeklyBlock;
import app.asynchealth.charter.CharterCoverage.Area;
import app.asynchealth.charter.CharterCoverage.Coverage;

class CharterCoverageTest {

    static final List<Benchmark> FIGURES = CharterCoverage.REPORT_FIGURES.stream()
            .map(BenchmarkDataset.load()::benchmark).toList();

    static final CharterContent EMPTY = new CharterContent(null, null, null, null, null, null);

    /** A charter that states every norm the coverage checks. */
    static CharterContent full() {
        return new CharterContent("How we work",
                List.of(new Channel("chat", "Slack #payments", "Quick questions; nothing that needs a decision",
                        List.of(new ResponseExpectation(Urgency.URGENT, "PT1H", null),
                                new ResponseExpectation(Urgency.NORMAL, "PT4H", true))),
                        new Channel("docs", "Confluence PAY", "Proposals and decisions",
                                List.of(new ResponseExpectation(Urgency.NORMAL, "PT48H", true)))),
                new AfterHours(List.of("Europe/Berlin", "America/New_York"), new TimeWindow("09:00", "17:30"),
                        new TimeWindow("20:00", "08:00"), AfterHoursReplies.URGENT_ONLY, null),
                new MeetingPolicy(List.of("A decision needs discussion"), true, true,
                        List.of(new WeeklyBlock(List.of(DayOfWeek.WEDNESDAY), "09:00", "17:00"))),
                new FocusPolicy(12.0, null, "Status on do-not-disturb, notifications off"),
                new KnowledgeLocations("Decision log in Confluence", "Confluence space PAY"));
    }

    static Area area(Coverage coverage, String key) {
        return coverage.areas().stream().filter(area -> area.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void anEmptyCharterCoversNothingAndNamesEveryCheck() {
        Coverage coverage = CharterCoverage.of(EMPTY, FIGURES);
        assertThat(coverage.score()).isZero();
        assertThat(coverage.areas()).extracting(Area::key).containsExactly("communication-guidelines",
                "response-expectations", "meetings", "focus", "after-hours");
        assertThat(coverage.areas()).allSatisfy(area -> {
            assertThat(area.covered()).isFalse();
            assertThat(area.met()).isZero();
            assertThat(area.missing()).hasSize(area.total());
            assertThat(area.missing()).allSatisfy(missing -> assertThat(missing.description()).isNotBlank());
        });
        assertThat(coverage.areas().stream().mapToInt(Area::total).sum()).isEqualTo(16);
    }

    @Test
    void aFullCharterCoversEverything() {
        Coverage coverage = CharterCoverage.of(full(), FIGURES);
        assertThat(coverage.score()).isEqualTo(100);
        assertThat(coverage.areas()).allSatisfy(area -> {
            assertThat(area.covered()).as(area.key()).isTrue();
            assertThat(area.missing()).as(area.key()).isEmpty();
            assertThat(area.met()).isEqualTo(area.total());
        });
    }

    @Test
    void withoutAnUrgentPathTheScoreDropsByHalfAnAreaAndTheCheckIsNamed() {
        CharterContent full = full();
        List<Channel> withoutUrgent = full.channels().stream().map(channel -> new Channel(channel.key(), channel.name(),
                channel.purpose(), channel.responseExpectations().stream()
                        .filter(expectation -> expectation.urgency() != Urgency.URGENT).toList()))
                .toList();
        Coverage coverage = CharterCoverage.of(new CharterContent(full.summary(), withoutUrgent, full.afterHours(),
                full.meetings(), full.focus(), full.knowledge()), FIGURES);
        // Areas weigh equally: response expectations has two checks, one of them missing: 100 - 100 / 5 / 2.
        assertThat(coverage.score()).isEqualTo(90);
        Area response = area(coverage, "response-expectations");
        assertThat(response.covered()).isFalse();
        assertThat(response.met()).isEqualTo(1);
        assertThat(response.missing()).extracting(CharterCoverage.Missing::key).containsExactly("urgent-path");
        assertThat(area(coverage, "meetings").covered()).isTrue();
    }

    @Test
    void withoutQuietHoursTheAfterHoursAreaNamesIt() {
        CharterContent full = full();
        AfterHours afterHours = full.afterHours();
        Coverage coverage = CharterCoverage.of(new CharterContent(full.summary(), full.channels(),
                new AfterHours(afterHours.timeZones(), afterHours.workingHours(), null, afterHours.replies(), null),
                full.meetings(), full.focus(), full.knowledge()), FIGURES);
        assertThat(coverage.score()).isEqualTo(95);
        assertThat(area(coverage, "after-hours").missing()).extracting(CharterCoverage.Missing::key)
                .containsExactly("quiet-hours");
    }

    @Test
    void aChannelWithoutANormalExpectationIsMissingOneAndFocusBlocksAloneCoverFocus() {
        CharterContent full = full();
        List<Channel> channels = List.of(full.channels().get(0),
                new Channel("video", "Zoom", "Conflicts and onboarding", null));
        Coverage coverage = CharterCoverage.of(new CharterContent(null, channels, full.afterHours(), full.meetings(),
                new FocusPolicy(null, List.of(new WeeklyBlock(List.of(DayOfWeek.MONDAY), "09:00", "12:00")), null),
                full.knowledge()), FIGURES);
        assertThat(area(coverage, "response-expectations").missing()).extracting(CharterCoverage.Missing::key)
                .containsExactly("normal-response-times");
        assertThat(area(coverage, "focus").covered()).isTrue();
    }

    @Test
    void theReportsFiguresOnDocumentedGuidesComeFromTheDataset() {
        Coverage coverage = CharterCoverage.of(EMPTY, FIGURES);
        assertThat(coverage.reportFigures()).extracting(CharterCoverage.ReportFigure::key)
                .containsExactly("no-documented-guide", "high-performers-documented-guidelines");
        CharterCoverage.ReportFigure none = coverage.reportFigures().get(0);
        assertThat(none.value()).isEqualTo(57.9);
        assertThat(none.unit()).isEqualTo("percent");
        assertThat(none.quote()).isEqualTo("57.9% say their organization has no documented communication guide.");
        assertThat(coverage.reportFigures().get(1).value()).isEqualTo(2.7);
        assertThat(coverage.reportFigures().get(1).unit()).isEqualTo("ratio");
    }
}
