package app.asynchealth.scoring;

import static app.asynchealth.scoring.ProfileCalculatorTest.dimension;
import static app.asynchealth.scoring.ProfileCalculatorTest.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.scoring.core.Answer;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.ProfileCalculator;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/**
 * The second edition of the method, defect by defect: levels that agree with the scores shown and say how sure they
 * are, comparisons only like for like, intervals within their range and a verdict that counts both samples,
 * recommendations only where the team needs them, and the report's focus-area figures carried.
 */
class ScoringMethodTest {

    final ProfileCalculator calculator = new ProfileCalculator(ProfileCalculatorTest.MODEL,
            ProfileCalculatorTest.BENCHMARKS::benchmark);

    /** {@code count} respondents, each with the same answers plus their own. */
    static List<Map<String, Answer>> team(int count, Map<String, Answer> shared) {
        List<Map<String, Answer>> team = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            team.add(new HashMap<>(shared));
        }
        return team;
    }

    @Test
    void aScoreIsShownRoundedDownSoThatItNeverCrossesTheBoundaryItsLevelDidNot() {
        // 11.992 h scores 59.96: level 3, and shown as 59.9, not as 60.0 (which reads as level 4).
        TeamProfile profile = calculator.compute(team(5, Map.of("focus-hours", Answer.of(11.992))), Set.of(), 5);
        DimensionResult focus = dimension(profile, "deep-focus");
        assertThat(focus.score()).isCloseTo(59.96, within(1e-9));
        assertThat(focus.level()).isEqualTo(3);
        assertThat(Rounding.score(focus.score())).isEqualTo(59.9);
        assertThat(Rounding.score(60.0)).isEqualTo(60.0);
        assertThat(ProfileCalculatorTest.MODEL.levelFor(Rounding.score(focus.score())).level()).isEqualTo(3);
    }

    @Test
    void aLevelSaysWhichLevelsItsIntervalReachesAndIsProvisionalAcrossABoundary() {
        // Five people, 4 to 12 h: the score is 40 (level 3) but its interval reaches level 2 and level 4.
        List<Map<String, Answer>> spread = new ArrayList<>();
        for (int hours : new int[] { 4, 6, 8, 10, 12 }) {
            spread.add(Map.of("focus-hours", Answer.of(hours)));
        }
        DimensionResult uncertain = dimension(calculator.compute(spread, Set.of(), 5), "deep-focus");
        assertThat(uncertain.level()).isEqualTo(3);
        assertThat(uncertain.levels().provisional()).isTrue();
        assertThat(uncertain.levels().lowest()).isLessThan(3);
        assertThat(uncertain.levels().highest()).isGreaterThan(3);
        assertThat(uncertain.scoreInterval().lower()).isGreaterThanOrEqualTo(0);
        assertThat(uncertain.scoreInterval().upper()).isLessThanOrEqualTo(100);
        // Everyone alike: no spread among five is no proof of none in the team, so the interval stays wide.
        DimensionResult alike = dimension(calculator.compute(team(5, Map.of("focus-hours", Answer.of(10))), Set.of(), 5),
                "deep-focus");
        assertThat(alike.scoreInterval().lower()).isLessThan(50);
        assertThat(alike.scoreInterval().upper()).isGreaterThan(50);
        assertThat(alike.levels().provisional()).isTrue();
        // Thirty people with much the same answers: a sure level.
        List<Map<String, Answer>> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(Map.of("focus-hours", Answer.of(9.5 + (i % 3) * 0.5)));
        }
        DimensionResult sure = dimension(calculator.compute(many, Set.of(), 5), "deep-focus");
        assertThat(sure.levels().provisional()).isFalse();
        assertThat(sure.levels().lowest()).isEqualTo(sure.levels().highest()).isEqualTo(3);
        // The overall level says the same of the overall score.
        TeamProfile profile = calculator.compute(spread, Set.of(), 5);
        assertThat(profile.levels().provisional()).isTrue();
    }

    @Test
    void meetingsThatCouldBeAsyncAreComparedWithTheShareInThemAtAllNotWithTheShareOftenInThem() {
        TeamProfile everyoneOften = calculator.compute(team(30, Map.of("meetings-could-be-async", Answer.of("often"))),
                Set.of(), 5);
        // All 30 are in such meetings against the report's 8 in 10: worse, never "5 points better".
        MetricResult inThem = metric(everyoneOften, "in-meetings-that-could-be-async");
        assertThat(inThem.value()).isEqualTo(100);
        assertThat(inThem.benchmark().key()).isEqualTo("meetings-could-be-async");
        assertThat(inThem.difference()).isCloseTo(20, within(1e-9));
        assertThat(inThem.verdict()).isEqualTo(Verdict.WORSE);
        // "Often or always" has no figure that measures it: shown alone, with the report's figure as context only.
        MetricResult often = metric(everyoneOften, "often-in-unnecessary-meetings");
        assertThat(often.benchmark()).isNull();
        assertThat(often.verdict()).isNull();
        assertThat(often.context()).extracting(Benchmark::key).containsExactly("meetings-could-be-async");
    }

    @Test
    void segmentFiguresAreUsedOnlyForTeamsInThatSegmentByTheirOwnAnswers() {
        Map<String, Answer> asyncTeam = Map.of("team-async-style", Answer.of("fully-async"),
                "after-hours-frequency", Answer.of("sometimes"), "team-connectedness", Answer.of(5));
        Map<String, Answer> realTimeTeam = Map.of("team-async-style", Answer.of("entirely-real-time"),
                "after-hours-frequency", Answer.of("sometimes"), "team-connectedness", Answer.of(5));

        TeamProfile async = calculator.compute(team(6, asyncTeam), Set.of(), 5);
        assertThat(metric(async, "respond-after-hours").benchmark().key()).isEqualTo("respond-after-hours-async");
        assertThat(metric(async, "highly-connected").benchmark().key()).isEqualTo("highly-connected-fully-async");
        assertThat(async.segments()).extracting(TeamProfile.Segment::key).containsExactly("async-first", "fully-async");
        assertThat(async.segments().get(0).basis()).isEqualTo("6 of 6 respondents describe their team as fully or mostly async");

        TeamProfile realTime = calculator.compute(team(6, realTimeTeam), Set.of(), 5);
        assertThat(metric(realTime, "respond-after-hours").benchmark().key()).isEqualTo("respond-after-hours-real-time");
        // Highly connected is a figure of fully async companies only.
        assertThat(metric(realTime, "highly-connected").benchmark()).isNull();

        // No majority either way: neither segment's figure.
        List<Map<String, Answer>> mixed = new ArrayList<>(team(3, asyncTeam));
        mixed.addAll(team(3, realTimeTeam));
        TeamProfile split = calculator.compute(mixed, Set.of(), 5);
        assertThat(split.segments()).isEmpty();
        assertThat(metric(split, "respond-after-hours").benchmark()).isNull();
        assertThat(metric(split, "respond-after-hours").value()).isEqualTo(100);
    }

    @Test
    void aSegmentIsNeverReadFromFewerAnswersThanTheThreshold() {
        List<Map<String, Answer>> team = new ArrayList<>(team(2, Map.of("team-async-style", Answer.of("fully-async"),
                "after-hours-frequency", Answer.of("never"))));
        team.addAll(team(4, Map.of("after-hours-frequency", Answer.of("never"))));
        TeamProfile profile = calculator.compute(team, Set.of(), 5);
        assertThat(profile.segments()).isEmpty();
        assertThat(metric(profile, "respond-after-hours").benchmark()).isNull();
    }

    @Test
    void whatAQuestionAsksBeyondTheFigureIsNotComparedWithIt() {
        // The schedule question asks about control and respect at once; the report has each apart.
        MetricResult schedule = metric(calculator.compute(team(5, Map.of("schedule-control", Answer.of(4))), Set.of(), 5),
                "schedule-control");
        assertThat(schedule.benchmark()).isNull();
        assertThat(schedule.context()).extracting(Benchmark::key).containsExactly("schedule-control",
                "non-work-time-respected");
    }

    @Test
    void theReportsPressureFigureIsNotOnTheTemplatesBaseSoItIsContextNotAVerdict() {
        // An async-first team giving the report's two reasons in the report's proportions (49 by choice to 32
        // pressured): 320 of 810 is 39.5 %. Against the report's 32 % it would read "worse" than a team just like the
        // report, because the report's 49 % and 32 % leave 19 % who gave neither reason, and the template has no such
        // third answer.
        Map<String, Answer> async = Map.of("team-async-style", Answer.of("mostly-async"));
        List<Map<String, Answer>> asReported = new ArrayList<>();
        for (int i = 0; i < 810; i++) {
            Map<String, Answer> respondent = new HashMap<>(async);
            respondent.put("after-hours-reason", Answer.of(i < 490 ? "personal-choice" : "feel-pressured"));
            asReported.add(respondent);
        }
        MetricResult pressured = metric(calculator.compute(asReported, Set.of(), 5), "after-hours-pressured");
        assertThat(pressured.value()).isCloseTo(100.0 * 320 / 810, within(1e-9));
        assertThat(pressured.benchmark()).isNull();
        assertThat(pressured.verdict()).isNull();
        assertThat(pressured.differenceInterval()).isNull();
        assertThat(pressured.context()).extracting(Benchmark::key).containsExactly("after-hours-pressured-async",
                "after-hours-by-choice-async", "after-hours-pressured-real-time", "after-hours-by-choice-real-time");
    }

    @Test
    void noSetExpectationHasNoHealthierDirectionAndSoNoVerdict() {
        MetricResult none = metric(calculator.compute(team(6, Map.of("team-async-style", Answer.of("mostly-async"),
                "response-expectation", Answer.of("no-set-expectation"))), Set.of(), 5), "no-set-expectation");
        assertThat(none.healthier()).isNull();
        assertThat(none.benchmark().key()).isEqualTo("no-set-expectation-async-first");
        assertThat(none.verdict()).isNull();
    }

    @Test
    void intervalsStayInTheirRangeAndTheVerdictCountsTheReportsSampleToo() {
        List<Map<String, Answer>> three = List.of(Map.of("focus-hours", Answer.of(0)), Map.of("focus-hours", Answer.of(2)),
                Map.of("focus-hours", Answer.of(13)), Map.of("comm-guide-documented", Answer.of("no")));
        TeamProfile profile = calculator.compute(three, Set.of(), 3);
        MetricResult hours = metric(profile, "mean-focus-hours");
        assertThat(hours.interval().lower()).isGreaterThanOrEqualTo(0);
        assertThat(hours.interval().upper()).isLessThanOrEqualTo(80);
        assertThat(metric(profile, "under-five-focus-hours").interval().upper()).isLessThanOrEqualTo(100);
        // Eight of eight without a guide, against 57.9% of 216: clearly worse. Five of eight: no clear difference.
        Map<String, Answer> no = Map.of("comm-guide-documented", Answer.of("no"));
        MetricResult all = metric(calculator.compute(team(8, no), Set.of(), 5), "without-documented-guide");
        assertThat(all.verdict()).isEqualTo(Verdict.WORSE);
        assertThat(all.differenceInterval().lower()).isGreaterThan(0);
        List<Map<String, Answer>> some = new ArrayList<>(team(5, no));
        some.addAll(team(3, Map.of("comm-guide-documented", Answer.of("yes"))));
        MetricResult part = metric(calculator.compute(some, Set.of(), 5), "without-documented-guide");
        assertThat(part.verdict()).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        // The comparison of both samples is wider than the team's interval moved by the figure.
        assertThat(part.differenceInterval().upper() - part.differenceInterval().lower())
                .isGreaterThan(part.interval().upper() - part.interval().lower());
    }

    @Test
    void noRecommendationWhereTheTeamIsNoWorseThanTheReportAndAtTheLevelItLeadsTo() {
        // 12 h of focus each, against the report's 11.7 h: not worse, and level 4 already.
        TeamProfile focused = calculator.compute(team(8, Map.of("focus-hours", Answer.of(12))), Set.of(), 5);
        // Eight identical answers: no spread to measure, so no certain verdict either way.
        MetricResult twelve = metric(focused, "mean-focus-hours");
        assertThat(twelve.verdict()).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(twelve.differenceMethod()).isEqualTo("team-interval");
        assertThat(RecommendationCatalog.load().top(focused, ProfileCalculatorTest.MODEL, 20))
                .extracting(RecommendationCatalog.Recommendation::key).doesNotContain("protect-focus-blocks");
        // 2 to 4 h: worse than the report by a credible margin, and ranked by it.
        List<Map<String, Answer>> few = new ArrayList<>();
        for (int hours : new int[] { 2, 3, 4, 3, 2, 4, 3, 3 }) {
            few.add(Map.of("focus-hours", Answer.of(hours)));
        }
        TeamProfile scarce = calculator.compute(few, Set.of(), 5);
        var recommendation = RecommendationCatalog.load().top(scarce, ProfileCalculatorTest.MODEL, 20).stream()
                .filter(r -> r.key().equals("protect-focus-blocks")).findFirst().orElseThrow();
        assertThat(recommendation.basis()).isEqualTo("worse than the report");
        assertThat(recommendation.gap()).isGreaterThan(0);
        assertThat(recommendation.evidence()).contains("3 h");
    }

    @Test
    void theReportsFocusAreaFiguresAreCarriedAsContext() {
        TeamProfile profile = calculator.compute(team(5, Map.of("meetings-could-be-async", Answer.of("never"),
                "response-expectation", Answer.of("immediately"), "comm-effectiveness", Answer.of(5))), Set.of(), 5);
        assertThat(metric(profile, "never-in-unnecessary-meetings").context()).extracting(Benchmark::key)
                .contains("never-unnecessary-meetings-fully-remote");
        assertThat(metric(profile, "expected-immediately").context()).extracting(Benchmark::key)
                .contains("gen-z-expected-immediately");
        assertThat(metric(profile, "highly-effective-communication").context()).extracting(Benchmark::key)
                .contains("highly-effective-at-async-first");
    }

    @Test
    void everyProfileNamesTheMethodThatComputedIt() {
        assertThat(calculator.compute(team(5, Map.of("focus-hours", Answer.of(10))), Set.of(), 5).scoringModel())
                .isEqualTo(ProfileCalculatorTest.MODEL.version()).isEqualTo("3");
    }

    /** The README and the method's own document name the version profiles carry, so a new version updates both. */
    @Test
    void theReadmeAndTheMethodDocumentNameTheCurrentVersion() throws IOException {
        String version = ProfileCalculatorTest.MODEL.version();
        assertThat(Files.readString(Path.of("README.md")))
                .contains("scoring method version `scoringModel`, now `" + version + "`");
        assertThat(Files.readString(Path.of("docs/scoring.md")))
                .startsWith("# How async-health scores a team (method version " + version + ")");
    }
}
