package app.asynchealth.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.Answer;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.ProfileCalculator;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.ScoringModel.QuestionScoring;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/** The scoring core: hand-computed profiles, and the properties docs/scoring.md promises. */
class ProfileCalculatorTest {

    static final ScoringModel MODEL = ScoringModels.load().forTemplate(
            app.asynchealth.assessment.template.BuiltInTemplates.load().find("async-health", 1).orElseThrow()).orElseThrow();
    static final BenchmarkDataset BENCHMARKS = BenchmarkDataset.load();
    final ProfileCalculator calculator = new ProfileCalculator(MODEL, BENCHMARKS::benchmark);

    static DimensionResult dimension(TeamProfile profile, String key) {
        return profile.dimensions().stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
    }

    static MetricResult metric(TeamProfile profile, String key) {
        return profile.dimensions().stream().flatMap(d -> d.metrics().stream()).filter(m -> m.key().equals(key))
                .findFirst().orElseThrow();
    }

    @Test
    void aHandComputedProfileOfTwoRespondents() {
        var first = Map.of("comm-guide-documented", Answer.of("yes"), "comm-norms-clear", Answer.of(5),
                "comm-effectiveness", Answer.of(3), "focus-hours", Answer.of(10));
        var second = Map.of("comm-guide-documented", Answer.of("no"), "comm-norms-clear", Answer.of(1),
                "comm-effectiveness", Answer.of(5), "focus-hours", Answer.of(2));
        TeamProfile profile = calculator.compute(List.of(first, second), Set.of(), 2);

        // Guide (100 + 0) / 2 = 50, clarity (100 + 0) / 2 = 50, effectiveness (50 + 100) / 2 = 75: (50 + 50 + 75) / 3.
        DimensionResult guidelines = dimension(profile, "communication-guidelines");
        assertThat(guidelines.score()).isCloseTo(58.333, within(0.001));
        assertThat(guidelines.level()).isEqualTo(3);
        assertThat(guidelines.levelName()).isEqualTo("Emerging");
        assertThat(guidelines.nextLevel()).startsWith("A documented guide");
        // Focus: 10 h scores 50 and 2 h scores 10 (20 h is full marks).
        assertThat(dimension(profile, "deep-focus").score()).isCloseTo(30, within(1e-9));
        assertThat(dimension(profile, "deep-focus").level()).isEqualTo(2);
        assertThat(profile.score()).isCloseTo((58.3333333 + 30) / 2, within(0.0001));
        assertThat(profile.level()).isEqualTo(3);
        assertThat(dimension(profile, "meeting-load").score()).isNull();

        MetricResult noGuide = metric(profile, "without-documented-guide");
        assertThat(noGuide.value()).isEqualTo(50);
        assertThat(noGuide.benchmark().value()).isEqualTo(57.9);
        assertThat(noGuide.difference()).isCloseTo(-7.9, within(1e-9));
        // Wilson score interval for 1 of 2 at 95%.
        assertThat(noGuide.interval().lower()).isCloseTo(9.45, within(0.01));
        assertThat(noGuide.interval().upper()).isCloseTo(90.55, within(0.01));
        // Two answers against 216: the difference may be anything, and the verdict says so.
        assertThat(noGuide.differenceMethod()).isEqualTo("newcombe");
        assertThat(noGuide.differenceInterval().contains(0)).isTrue();
        assertThat(noGuide.verdict()).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);

        MetricResult focus = metric(profile, "mean-focus-hours");
        assertThat(focus.value()).isEqualTo(6);
        assertThat(focus.difference()).isCloseTo(-5.7, within(1e-9));
        // A plain t interval would be 6 ± 12.706 × 4, below zero hours; the bounded one stays within 0-80.
        assertThat(focus.interval().lower()).isGreaterThanOrEqualTo(0).isLessThan(6);
        assertThat(focus.interval().upper()).isGreaterThan(6).isLessThanOrEqualTo(80);
        assertThat(metric(profile, "under-five-focus-hours").value()).isEqualTo(50);
    }

    @Test
    void theWorkedExampleOfDocsScoringMd() {
        String[] guide = { "yes", "no", "no", "not-sure", "yes" };
        int[] clear = { 4, 2, 3, 5, 1 };
        int[] effective = { 3, 3, 4, 4, 2 };
        int[] focus = { 4, 6, 8, 10, 12 };
        List<Map<String, Answer>> team = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            team.add(Map.of("comm-guide-documented", Answer.of(guide[i]), "comm-norms-clear", Answer.of(clear[i]),
                    "comm-effectiveness", Answer.of(effective[i]), "focus-hours", Answer.of(focus[i])));
        }
        TeamProfile profile = calculator.compute(team, Set.of(), 5);
        assertThat(dimension(profile, "deep-focus").score()).isCloseTo(40, within(1e-9));
        assertThat(dimension(profile, "deep-focus").nextLevel()).isEqualTo("Focus blocks are protected and respected most weeks.");
        assertThat(dimension(profile, "communication-guidelines").score()).isCloseTo(50, within(1e-9));
        assertThat(profile.score()).isCloseTo(45, within(1e-9));
        assertThat(profile.level()).isEqualTo(3);
        MetricResult hours = metric(profile, "mean-focus-hours");
        assertThat(hours.interval().lower()).isGreaterThan(0).isLessThan(8);
        assertThat(hours.interval().upper()).isGreaterThan(11.7);
        assertThat(hours.verdict()).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(metric(profile, "under-five-focus-hours").interval().lower()).isCloseTo(3.62, within(0.01));
        // "not sure" is not "no": two of five say there is no guide.
        assertThat(metric(profile, "without-documented-guide").value()).isEqualTo(40);
        var recommendations = RecommendationCatalog.load().top(profile, MODEL, 5);
        assertThat(recommendations).extracting(r -> r.key()).startsWith("protect-focus-blocks", "write-communication-guide");
        assertThat(recommendations.get(0).evidence()).isEqualTo(
                "Your team averages 8 h of deep focus a week; the report's average is 11.7 h, and 26% get under 5 h.");
    }

    @Test
    void theSegmentPicksTheBenchmarkAndWithoutOneTheMetricStandsAlone() {
        var answers = List.of(Map.of("realtime-share", Answer.of(30)), Map.of("realtime-share", Answer.of(40)));
        // In-office by the tenant's setting (no respondent said how they work): the in-office figure.
        MetricResult inOffice = metric(calculator.compute(answers, Set.of("workingStyle:IN_OFFICE"), 2),
                "mean-realtime-share");
        assertThat(inOffice.benchmark().key()).isEqualTo("realtime-share-in-office");
        assertThat(inOffice.segment()).isEqualTo("in-office");
        // A remote tenant is not compared with in-office workers, nor a large one with a different measure.
        for (Set<String> tenant : List.of(Set.<String>of(), Set.of("workingStyle:REMOTE"), Set.of("companySize:LARGE"))) {
            MetricResult alone = metric(calculator.compute(answers, tenant, 2), "mean-realtime-share");
            assertThat(alone.benchmark()).as(tenant.toString()).isNull();
            assertThat(alone.verdict()).isNull();
            assertThat(alone.difference()).isNull();
            assertThat(alone.value()).isEqualTo(35);
        }
    }

    @Test
    void identicalAnswersEverywhere() {
        Map<String, Answer> best = bestAnswers();
        TeamProfile profile = calculator.compute(Collections.nCopies(5, best), Set.of(), 5);
        assertThat(profile.score()).isEqualTo(100);
        assertThat(profile.level()).isEqualTo(5);
        assertThat(profile.dimensions()).allSatisfy(d -> {
            assertThat(d.level()).isEqualTo(5);
            assertThat(d.nextLevel()).isNull();
        });
        MetricResult never = metric(profile, "never-in-unnecessary-meetings");
        assertThat(never.value()).isEqualTo(100);
        assertThat(never.interval().upper()).isCloseTo(100, within(1e-9));
        // No spread among five says little of the team's: the interval stays wide, within 0-80 h.
        assertThat(metric(profile, "mean-focus-hours").interval().lower()).isGreaterThanOrEqualTo(0).isLessThan(20);
        assertThat(metric(profile, "mean-focus-hours").interval().upper()).isGreaterThan(20).isLessThanOrEqualTo(80);
    }

    @Test
    void aQuestionSkippedByEveryoneIsLeftOutNotCountedAsZero() {
        Map<String, Answer> withoutReason = new HashMap<>(bestAnswers());
        withoutReason.remove("after-hours-reason");
        TeamProfile profile = calculator.compute(List.of(withoutReason, withoutReason), Set.of(), 2);
        assertThat(dimension(profile, "after-hours").score()).isEqualTo(100);
        MetricResult pressured = metric(profile, "after-hours-pressured");
        assertThat(pressured.published()).isFalse();
        assertThat(pressured.answered()).isZero();
    }

    @Test
    void theOrderOfResponsesDoesNotMatter() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            List<Map<String, Answer>> respondents = randomRespondents(random, 3 + random.nextInt(20));
            TeamProfile profile = calculator.compute(respondents, Set.of(), 3);
            List<Map<String, Answer>> shuffled = new ArrayList<>(respondents);
            Collections.shuffle(shuffled, random);
            assertThat(calculator.compute(shuffled, Set.of(), 3)).isEqualTo(profile);
            assertThat(calculator.compute(copy(respondents), Set.of(), 3)).isEqualTo(profile);
        }
    }

    @Test
    void healthierAnswersNeverLowerAScore() {
        Random random = new Random(11);
        for (int run = 0; run < 500; run++) {
            List<Map<String, Answer>> respondents = randomRespondents(random, 3 + random.nextInt(12));
            TeamProfile before = calculator.compute(respondents, Set.of(), 3);
            int who = random.nextInt(respondents.size());
            List<String> questions = new ArrayList<>(respondents.get(who).keySet());
            String question = questions.get(random.nextInt(questions.size()));
            Map<String, Answer> improved = new HashMap<>(respondents.get(who));
            improved.put(question, healthier(MODEL.questions().get(question), improved.get(question), random));
            List<Map<String, Answer>> after = new ArrayList<>(respondents);
            after.set(who, improved);
            TeamProfile profile = calculator.compute(after, Set.of(), 3);
            if (before.score() != null) { // the same counts: an improvement publishes and suppresses the same figures
                assertThat(profile.score()).isGreaterThanOrEqualTo(before.score());
            }
            for (DimensionResult dimension : profile.dimensions()) {
                Double old = dimension(before, dimension.key()).score();
                if (old == null) {
                    continue; // nobody answered this dimension, before or after
                }
                assertThat(dimension.score()).as(question).isGreaterThanOrEqualTo(old);
                assertThat(dimension.level()).isGreaterThanOrEqualTo(dimension(before, dimension.key()).level());
            }
        }
    }

    /** Six respondents, threshold 5: some questions answered by only 2, 3 or 4 of them. */
    static List<Map<String, Answer>> unevenlyAnswered(int guideAnswers) {
        List<Map<String, Answer>> team = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Answer> answers = new HashMap<>(Map.of("comm-norms-clear", Answer.of(2),
                    "comm-effectiveness", Answer.of(3), "meetings-could-be-async", Answer.of("often"),
                    "after-hours-frequency", Answer.of("rarely"), "schedule-control", Answer.of(4)));
            if (i < guideAnswers) {
                answers.put("comm-guide-documented", Answer.of("yes"));
            }
            if (i < 4) {
                answers.put("focus-hours", Answer.of(17.3));
            }
            if (i < 3) {
                answers.put("after-hours-reason", Answer.of("feel-pressured"));
            }
            team.add(answers);
        }
        return team;
    }

    @Test
    void aQuestionFewerThanTheThresholdAnsweredIsInNoScoreAndItsMetricShowsItsCountOnly() {
        TeamProfile profile = calculator.compute(unevenlyAnswered(2), Set.of(), 5);

        // Clarity 25 and effectiveness 50 only; with the two "yes" (100) to the guide it would be 58.3.
        DimensionResult guidelines = dimension(profile, "communication-guidelines");
        assertThat(guidelines.score()).isEqualTo(37.5);
        assertThat(guidelines.level()).isEqualTo(2);
        assertThat(guidelines.questions()).filteredOn(q -> q.key().equals("comm-guide-documented")).singleElement()
                .satisfies(q -> {
                    assertThat(q.answered()).isEqualTo(2);
                    assertThat(q.published()).isFalse();
                    assertThat(q.score()).isNull();
                });
        MetricResult guide = metric(profile, "without-documented-guide");
        assertThat(guide.answered()).isEqualTo(2);
        assertThat(guide.published()).isFalse();
        assertThat(guide.value()).isNull();
        assertThat(guide.interval()).isNull();
        assertThat(guide.difference()).isNull();
        assertThat(guide.differenceInterval()).isNull();
        assertThat(guide.verdict()).isNull();
        assertThat(guide.benchmark().value()).isEqualTo(57.9); // the report's figure is no team data
        assertThat(metric(profile, "clear-guidelines").value()).isEqualTo(0);
        assertThat(metric(profile, "clear-guidelines").answered()).isEqualTo(6);

        // After hours: frequency 75 and control 75; the three "feel-pressured" (0) would make it 50.
        assertThat(dimension(profile, "after-hours").score()).isEqualTo(75);
        assertThat(metric(profile, "after-hours-pressured").answered()).isEqualTo(3);
        assertThat(metric(profile, "after-hours-pressured").value()).isNull();
        assertThat(metric(profile, "respond-after-hours").published()).isTrue();

        // Deep focus: its only question has four answers, so no score, level or next level, and no metric value.
        DimensionResult focus = dimension(profile, "deep-focus");
        assertThat(focus.score()).isNull();
        assertThat(focus.level()).isNull();
        assertThat(focus.levelName()).isNull();
        assertThat(focus.nextLevel()).isNull();
        assertThat(focus.questions()).singleElement().satisfies(q -> assertThat(q.answered()).isEqualTo(4));
        assertThat(focus.metrics()).hasSize(2).allSatisfy(m -> {
            assertThat(m.answered()).isEqualTo(4);
            assertThat(m.value()).isNull();
        });

        // Overall: the published dimensions only (37.5, 25 for meetings, 75 for after hours).
        assertThat(profile.score()).isCloseTo((37.5 + 25 + 75) / 3, within(1e-9));
        assertThat(profile.threshold()).isEqualTo(5);

        // The same scores as if the under-answered questions had not been asked at all.
        List<Map<String, Answer>> withoutThem = unevenlyAnswered(0).stream().map(answers -> {
            Map<String, Answer> kept = new HashMap<>(answers);
            kept.keySet().removeAll(Set.of("focus-hours", "after-hours-reason"));
            return (Map<String, Answer>) kept;
        }).toList();
        TeamProfile reference = calculator.compute(withoutThem, Set.of(), 5);
        assertThat(profile.score()).isEqualTo(reference.score());
        for (DimensionResult dimension : profile.dimensions()) {
            assertThat(dimension.score()).as(dimension.key()).isEqualTo(dimension(reference, dimension.key()).score());
        }

        // Recommendations cite only published figures: none on deep focus, none citing the guide share.
        var recommendations = RecommendationCatalog.load().top(profile, MODEL, 20);
        assertThat(recommendations).extracting(r -> r.key())
                .doesNotContain("protect-focus-blocks", "write-communication-guide")
                .contains("make-norms-explicit", "run-meeting-audit");
        assertThat(recommendations).extracting(r -> r.evidence()).noneMatch(evidence -> evidence.contains("17.3"));
    }

    @Test
    void exactlyTheThresholdOfAnswersPublishesAQuestion() {
        TeamProfile profile = calculator.compute(unevenlyAnswered(5), Set.of(), 5);
        assertThat(metric(profile, "without-documented-guide").value()).isEqualTo(0); // five "yes"
        assertThat(metric(profile, "without-documented-guide").answered()).isEqualTo(5);
        assertThat(dimension(profile, "communication-guidelines").score()).isCloseTo((100 + 25 + 50) / 3.0, within(1e-9));
        // The same answers under a higher threshold: suppressed again.
        assertThat(metric(calculator.compute(unevenlyAnswered(5), Set.of(), 6), "without-documented-guide").published())
                .isFalse();
    }

    @Test
    void aDimensionNobodyReachesTheThresholdInHasNoScoreAndTheOverallIgnoresIt() {
        List<Map<String, Answer>> team = List.of(Map.of("focus-hours", Answer.of(4)), Map.of("focus-hours", Answer.of(6)),
                Map.of("meetings-could-be-async", Answer.of("never")), Map.of("meetings-could-be-async", Answer.of("never")),
                Map.of("meetings-could-be-async", Answer.of("never")));
        TeamProfile profile = calculator.compute(team, Set.of(), 3);
        assertThat(dimension(profile, "deep-focus").published()).isFalse();
        assertThat(dimension(profile, "meeting-load").score()).isEqualTo(100);
        assertThat(profile.score()).isEqualTo(100);
        assertThat(profile.level()).isEqualTo(5);
        // Nothing reaches the threshold at all: no overall score either.
        TeamProfile none = calculator.compute(team, Set.of(), 4);
        assertThat(none.score()).isNull();
        assertThat(none.level()).isNull();
        assertThat(none.dimensions()).noneMatch(DimensionResult::published);
    }

    @Test
    void aRenewedSnapshotPublishesOnlyQuestionsWithTheThresholdOfNewAnswers() {
        var aggregates = Aggregates.of(unevenlyAnswered(6), MODEL);
        TeamProfile renewed = calculator.compute(aggregates, Set.of(), 5,
                Map.of("comm-guide-documented", 5L, "comm-norms-clear", 4L, "comm-effectiveness", 6L));
        DimensionResult guidelines = dimension(renewed, "communication-guidelines");
        // Clarity has six answers but only four new ones: the difference to the last snapshot would rest on four.
        assertThat(guidelines.questions()).filteredOn(q -> !q.published()).extracting(q -> q.key())
                .containsExactly("comm-norms-clear");
        assertThat(guidelines.score()).isCloseTo((100 + 50) / 2.0, within(1e-9));
        assertThat(metric(renewed, "clear-guidelines").published()).isFalse();
        assertThat(metric(renewed, "clear-guidelines").answered()).isEqualTo(6);
        assertThat(dimension(renewed, "meeting-load").published()).isFalse(); // no new answers at all
    }

    static Map<String, Answer> bestAnswers() {
        Map<String, Answer> answers = new HashMap<>();
        MODEL.questions().forEach((key, scoring) -> {
            if (scoring.choices() != null) {
                answers.put(key, Answer.of(scoring.choices().entrySet().stream()
                        .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
            } else if (scoring.linear() != null) {
                answers.put(key, Answer.of(scoring.linear().fullAt()));
            } else {
                answers.put(key, Answer.of(5));
            }
        });
        return answers;
    }

    static List<Map<String, Answer>> randomRespondents(Random random, int count) {
        List<Map<String, Answer>> respondents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Answer> answers = new HashMap<>();
            MODEL.questions().forEach((key, scoring) -> {
                if (random.nextInt(10) > 0) { // some questions skipped
                    answers.put(key, randomAnswer(scoring, random));
                }
            });
            respondents.add(answers);
        }
        return respondents;
    }

    static Answer randomAnswer(QuestionScoring scoring, Random random) {
        if (scoring.choices() != null) {
            List<String> keys = new ArrayList<>(scoring.choices().keySet());
            return Answer.of(keys.get(random.nextInt(keys.size())));
        }
        if (scoring.linear() != null) {
            double low = Math.min(scoring.linear().zeroAt(), scoring.linear().fullAt());
            double high = Math.max(scoring.linear().zeroAt(), scoring.linear().fullAt());
            return Answer.of(Math.round((low + random.nextDouble() * (high - low) * 1.2) * 10) / 10.0);
        }
        return Answer.of(1 + random.nextInt(5));
    }

    /** An answer that scores at least as well as the given one. */
    static Answer healthier(QuestionScoring scoring, Answer answer, Random random) {
        if (scoring.choices() != null) {
            double current = scoring.choices().get(answer.choice());
            List<String> better = scoring.choices().entrySet().stream().filter(e -> e.getValue() >= current)
                    .map(Map.Entry::getKey).toList();
            return Answer.of(better.get(random.nextInt(better.size())));
        }
        double step = random.nextInt(4);
        if (scoring.linear() != null) {
            double direction = Math.signum(scoring.linear().fullAt() - scoring.linear().zeroAt());
            return Answer.of(answer.number().doubleValue() + direction * step);
        }
        return Answer.of(Math.min(5, answer.number().intValue() + (int) step));
    }

    static List<Map<String, Answer>> copy(List<Map<String, Answer>> respondents) {
        return respondents.stream().map(r -> (Map<String, Answer>) new HashMap<>(r)).toList();
    }
}
