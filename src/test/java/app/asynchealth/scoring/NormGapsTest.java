package app.asynchealth.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.asynchealth.charter.CharterContent;
import app.asynchealth.charter.CharterContent.AfterHours;
import app.asynchealth.charter.CharterContent.AfterHoursReplies;
import app.asynchealth.charter.CharterContent.Channel;
import app.asynchealth.charter.CharterContent.FocusPolicy;
import app.asynchealth.charter.CharterContent.MeetingPolicy;
import app.asynchealth.charter.CharterContent.ResponseExpectation;
import app.asynchealth.charter.CharterContent.Urgency;
import app.asynchealth.charter.CharterNorms;
import app.asynchealth.profile.NormGapViews;
import app.asynchealth.profile.ProfileRepresentations.MetricView;
import app.asynchealth.profile.ProfileRepresentations.NormView;
import app.asynchealth.profile.ProfileViews;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.Answer;
import app.asynchealth.scoring.core.Intervals;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.NormGaps;
import app.asynchealth.scoring.core.NormGaps.NormGap;
import app.asynchealth.scoring.core.NormGaps.StatedNorm;
import app.asynchealth.scoring.core.NormGaps.Status;
import app.asynchealth.scoring.core.ProfileCalculator;

/** The norm gap: a charter's stated norms, each beside the perception hand-computed answers show. */
class NormGapsTest {

    static final NormGaps GAPS = new NormGaps(ProfileCalculatorTest.MODEL);

    static CharterContent charter(String chatWithin, String emailWithin) {
        return new CharterContent("How we work", List.of(
                new Channel("chat", "Slack #payments", "Quick questions", List.of(
                        new ResponseExpectation(Urgency.URGENT, "PT30M", null),
                        new ResponseExpectation(Urgency.NORMAL, chatWithin, null))),
                new Channel("email", "Email", "External partners",
                        List.of(new ResponseExpectation(Urgency.NORMAL, emailWithin, null)))),
                new AfterHours(List.of("Europe/Berlin"), null, null, AfterHoursReplies.NOT_EXPECTED, null),
                new MeetingPolicy(List.of("a decision needs discussion"), true, true, null),
                new FocusPolicy(12.0, null, null), null);
    }

    static StatedNorm norm(List<StatedNorm> norms, String key) {
        return norms.stream().filter(n -> n.key().equals(key)).findFirst().orElseThrow();
    }

    static NormGap gap(List<NormGap> gaps, String key) {
        return gaps.stream().filter(g -> g.norm().key().equals(key)).findFirst().orElseThrow();
    }

    /** Respondents answering the response question with these choices, and focus hours with these numbers. */
    static Aggregates answers(List<String> responseChoices, List<Integer> focusHours) {
        List<Map<String, Answer>> responses = new ArrayList<>();
        for (int i = 0; i < Math.max(responseChoices.size(), focusHours.size()); i++) {
            Map<String, Answer> answers = new HashMap<>();
            if (i < responseChoices.size()) {
                answers.put("response-expectation", Answer.of(responseChoices.get(i)));
            }
            if (i < focusHours.size()) {
                answers.put("focus-hours", Answer.of(focusHours.get(i)));
            }
            responses.add(answers);
        }
        return Aggregates.of(responses, ProfileCalculatorTest.MODEL);
    }

    @Test
    void theStrictestNormalExpectationOfAnyChannelIsTheStatedResponseNorm() {
        List<StatedNorm> norms = CharterNorms.of(charter("PT4H", "PT24H"), 3);
        StatedNorm response = norm(norms, "response-time-stricter");
        assertThat(response.statement()).contains("Slack #payments").contains("4 hours");
        // 4 hours: answers that allow at most one hour are stricter; "a few hours" (up to 4) is not.
        assertThat(response.departing()).containsExactlyInAnyOrder("immediately", "within-an-hour");
        assertThat(norm(CharterNorms.of(charter("PT1H", "PT24H"), 1), "response-time-stricter").departing())
                .containsExactly("immediately");
        assertThat(norm(CharterNorms.of(charter("PT24H", "PT25H"), 1), "response-time-stricter").departing())
                .containsExactlyInAnyOrder("immediately", "within-an-hour", "within-a-few-hours", "same-day");
        assertThat(norm(norms, "documented-guide").statement()).contains("version 3");
        assertThat(norms).extracting(StatedNorm::key).containsExactly("documented-guide", "response-time-stricter",
                "response-time-unknown", "meetings-only-when-justified", "protected-focus-hours", "after-hours-replies",
                "after-hours-pressure");
    }

    @Test
    void aCharterStatesOnlyTheNormsItHas() {
        CharterContent meetingsOnly = new CharterContent(null, null, null,
                new MeetingPolicy(null, null, true, null), null, null);
        assertThat(CharterNorms.of(meetingsOnly, 1)).extracting(StatedNorm::key)
                .containsExactly("documented-guide", "meetings-only-when-justified");
        CharterContent agendaOnly = new CharterContent(null, null, null, new MeetingPolicy(null, true, false, null),
                null, null);
        assertThat(CharterNorms.of(agendaOnly, 1)).extracting(StatedNorm::key).containsExactly("documented-guide");
    }

    @Test
    void theShareThatBelievesItMustAnswerFasterThanTheCharterSays() {
        // The charter: normal chat messages within 4 hours. 7 of 10 believe an hour or less.
        Aggregates aggregates = answers(List.of("immediately", "within-an-hour", "within-an-hour", "within-an-hour",
                "within-an-hour", "within-an-hour", "within-an-hour", "same-day", "same-day", "no-set-expectation"),
                List.of());
        List<NormGap> gaps = GAPS.compute(aggregates, CharterNorms.of(charter("PT4H", "PT24H"), 1), 5, null);

        NormGap stricter = gap(gaps, "response-time-stricter");
        assertThat(stricter.status()).isEqualTo(Status.AVAILABLE);
        assertThat(stricter.answered()).isEqualTo(10);
        assertThat(stricter.value()).isCloseTo(70.0, within(1e-9));
        Intervals.Range wilson = Intervals.wilson(10, 7, 0.05);
        assertThat(stricter.interval().lower()).isCloseTo(wilson.lower() * 100, within(1e-9));
        assertThat(stricter.interval().upper()).isCloseTo(wilson.upper() * 100, within(1e-9));
        assertThat(gap(gaps, "response-time-unknown").value()).isCloseTo(10.0, within(1e-9));
        // Nobody answered the guide or meeting questions: kept as a count of zero, nothing else.
        NormGap guide = gap(gaps, "documented-guide");
        assertThat(guide.status()).isEqualTo(Status.SUPPRESSED);
        assertThat(guide.answered()).isZero();
        assertThat(guide.value()).isNull();
        assertThat(guide.interval()).isNull();
    }

    @Test
    void fewerAnswersThanTheThresholdShowOnlyTheCount() {
        Aggregates four = answers(List.of("immediately", "immediately", "immediately", "immediately"), List.of());
        NormGap suppressed = gap(GAPS.compute(four, CharterNorms.of(charter("PT4H", "PT24H"), 1), 5, null),
                "response-time-stricter");
        assertThat(suppressed.status()).isEqualTo(Status.SUPPRESSED);
        assertThat(suppressed.answered()).isEqualTo(4);
        assertThat(suppressed.value()).isNull();
        assertThat(suppressed.interval()).isNull();
        assertThat(gap(GAPS.compute(four, CharterNorms.of(charter("PT4H", "PT24H"), 1), 4, null),
                "response-time-stricter").value()).isEqualTo(100.0);
    }

    @Test
    void aRenewedLiveSnapshotAlsoNeedsTheThresholdOfNewAnswers() {
        Aggregates six = answers(List.of("immediately", "immediately", "same-day", "same-day", "same-day", "same-day"),
                List.of());
        List<StatedNorm> norms = CharterNorms.of(charter("PT4H", "PT24H"), 1);
        assertThat(gap(GAPS.compute(six, norms, 5, Map.of("response-expectation", 4L)), "response-time-stricter")
                .status()).isEqualTo(Status.SUPPRESSED);
        assertThat(gap(GAPS.compute(six, norms, 5, Map.of("response-expectation", 5L)), "response-time-stricter")
                .status()).isEqualTo(Status.AVAILABLE);
    }

    @Test
    void focusHoursBelowTheProtectedHoursAreWorseWhenTheWholeIntervalIsBelow() {
        List<StatedNorm> norms = CharterNorms.of(charter("PT4H", "PT24H"), 1);
        NormGap below = gap(GAPS.compute(answers(List.of(), List.of(4, 5, 6, 7, 8)), norms, 5, null),
                "protected-focus-hours");
        assertThat(below.value()).isCloseTo(6.0, within(1e-9));
        assertThat(below.difference()).isCloseTo(-6.0, within(1e-9));
        assertThat(below.differenceInterval().lower()).isCloseTo(below.interval().lower() - 12, within(1e-9));
        assertThat(below.differenceInterval().upper()).isLessThan(0);
        assertThat(below.verdict()).isEqualTo(Verdict.WORSE);

        NormGap around = gap(GAPS.compute(answers(List.of(), List.of(2, 8, 12, 16, 22)), norms, 5, null),
                "protected-focus-hours");
        assertThat(around.value()).isCloseTo(12.0, within(1e-9));
        assertThat(around.differenceInterval().contains(0)).isTrue();
        assertThat(around.verdict()).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
    }

    @Test
    void theSameIntervalShowsTheSameInTheMetricAndTheNormGap() {
        // 5 of 8 often or always in meetings that could have been async: the metric "often in unnecessary meetings"
        // and the norm "meetings only when justified" are the same share, Wilson [30.574…, 86.315…].
        List<Map<String, Answer>> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(Map.of("meetings-could-be-async", Answer.of(i < 5 ? "often" : "rarely")));
        }
        ProfileCalculator calculator = new ProfileCalculator(ProfileCalculatorTest.MODEL,
                ProfileCalculatorTest.BENCHMARKS::benchmark);
        MetricView metric = ProfileViews.metric(
                ProfileCalculatorTest.metric(calculator.compute(eight, Set.of(), 5), "often-in-unnecessary-meetings"));
        NormView norm = NormGapViews.view(gap(GAPS.compute(Aggregates.of(eight, ProfileCalculatorTest.MODEL),
                CharterNorms.of(charter("PT4H", "PT24H"), 1), 5, null), "meetings-only-when-justified"),
                ProfileCalculatorTest.BENCHMARKS::benchmark);
        assertThat(norm.value()).isEqualTo(metric.value()).isEqualTo(62.5);
        assertThat(List.of(norm.lower(), norm.upper())).isEqualTo(List.of(metric.lower(), metric.upper()))
                .isEqualTo(List.of(30.6, 86.3));
    }
}
