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
import app.asynchealth.scoring.core.Answer;
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
        TeamProfile profile = calculator.compute(List.of(first, second), Set.of());

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
        assertThat(noGuide.lower()).isCloseTo(9.45, within(0.01));
        assertThat(noGuide.upper()).isCloseTo(90.55, within(0.01));
        assertThat(noGuide.withinInterval()).isTrue();

        MetricResult focus = metric(profile, "mean-focus-hours");
        assertThat(focus.value()).isEqualTo(6);
        assertThat(focus.difference()).isCloseTo(-5.7, within(1e-9));
        // Student t with 1 degree of freedom: 6 ± 12.706 × 4.
        assertThat(focus.lower()).isCloseTo(6 - 12.7062 * 4, within(0.01));
        assertThat(focus.upper()).isCloseTo(6 + 12.7062 * 4, within(0.01));
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
        TeamProfile profile = calculator.compute(team, Set.of());
        assertThat(dimension(profile, "deep-focus").score()).isCloseTo(40, within(1e-9));
        assertThat(dimension(profile, "deep-focus").nextLevel()).isEqualTo("Focus blocks are protected and respected most weeks.");
        assertThat(dimension(profile, "communication-guidelines").score()).isCloseTo(50, within(1e-9));
        assertThat(profile.score()).isCloseTo(45, within(1e-9));
        assertThat(profile.level()).isEqualTo(3);
        MetricResult hours = metric(profile, "mean-focus-hours");
        assertThat(hours.lower()).isCloseTo(4.07, within(0.01));
        assertThat(hours.upper()).isCloseTo(11.93, within(0.01));
        assertThat(hours.withinInterval()).isTrue();
        assertThat(metric(profile, "under-five-focus-hours").lower()).isCloseTo(3.62, within(0.01));
        assertThat(metric(profile, "without-documented-guide").value()).isEqualTo(60);
        assertThat(metric(profile, "without-documented-guide").upper()).isCloseTo(88.24, within(0.01));
        var recommendations = app.asynchealth.recommendation.RecommendationCatalog.load().top(profile, MODEL::levelName, 5);
        assertThat(recommendations).extracting(r -> r.key()).startsWith("protect-focus-blocks", "write-communication-guide");
        assertThat(recommendations.get(0).evidence()).isEqualTo(
                "Your team averages 8 h of deep focus a week; the report's average is 11.7 h, and 26% get under 5 h.");
    }

    @Test
    void theSegmentPicksTheBenchmark() {
        var answers = List.of(Map.of("realtime-share", Answer.of(30)), Map.of("realtime-share", Answer.of(40)));
        assertThat(metric(calculator.compute(answers, Set.of()), "mean-realtime-share").benchmark().key())
                .isEqualTo("realtime-share-in-office");
        assertThat(metric(calculator.compute(answers, Set.of("companySize:LARGE")), "mean-realtime-share").benchmark().key())
                .isEqualTo("realtime-share-large-companies");
    }

    @Test
    void identicalAnswersEverywhere() {
        Map<String, Answer> best = bestAnswers();
        TeamProfile profile = calculator.compute(Collections.nCopies(5, best), Set.of());
        assertThat(profile.score()).isEqualTo(100);
        assertThat(profile.level()).isEqualTo(5);
        assertThat(profile.dimensions()).allSatisfy(d -> {
            assertThat(d.level()).isEqualTo(5);
            assertThat(d.nextLevel()).isNull();
        });
        MetricResult never = metric(profile, "never-in-unnecessary-meetings");
        assertThat(never.value()).isEqualTo(100);
        assertThat(never.upper()).isCloseTo(100, within(1e-9));
        assertThat(metric(profile, "mean-focus-hours").lower()).isEqualTo(20); // no spread, no width
    }

    @Test
    void aQuestionSkippedByEveryoneIsLeftOutNotCountedAsZero() {
        Map<String, Answer> withoutReason = new HashMap<>(bestAnswers());
        withoutReason.remove("after-hours-reason");
        TeamProfile profile = calculator.compute(List.of(withoutReason, withoutReason), Set.of());
        assertThat(dimension(profile, "after-hours").score()).isEqualTo(100);
        assertThat(dimension(profile, "after-hours").metrics()).extracting(MetricResult::key)
                .doesNotContain("after-hours-pressured");
    }

    @Test
    void theOrderOfResponsesDoesNotMatter() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            List<Map<String, Answer>> respondents = randomRespondents(random, 3 + random.nextInt(20));
            TeamProfile profile = calculator.compute(respondents, Set.of());
            List<Map<String, Answer>> shuffled = new ArrayList<>(respondents);
            Collections.shuffle(shuffled, random);
            assertThat(calculator.compute(shuffled, Set.of())).isEqualTo(profile);
            assertThat(calculator.compute(copy(respondents), Set.of())).isEqualTo(profile);
        }
    }

    @Test
    void healthierAnswersNeverLowerAScore() {
        Random random = new Random(11);
        for (int run = 0; run < 500; run++) {
            List<Map<String, Answer>> respondents = randomRespondents(random, 3 + random.nextInt(12));
            TeamProfile before = calculator.compute(respondents, Set.of());
            int who = random.nextInt(respondents.size());
            List<String> questions = new ArrayList<>(respondents.get(who).keySet());
            String question = questions.get(random.nextInt(questions.size()));
            Map<String, Answer> improved = new HashMap<>(respondents.get(who));
            improved.put(question, healthier(MODEL.questions().get(question), improved.get(question), random));
            List<Map<String, Answer>> after = new ArrayList<>(respondents);
            after.set(who, improved);
            TeamProfile profile = calculator.compute(after, Set.of());
            assertThat(profile.score()).isGreaterThanOrEqualTo(before.score());
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
