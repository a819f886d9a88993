package app.asynchealth.scoring;

import static app.asynchealth.scoring.ProfileCalculatorTest.dimension;
import static app.asynchealth.scoring.ProfileCalculatorTest.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.scoring.core.Answer;
import app.asynchealth.scoring.core.Intervals;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.ProfileCalculator;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.LevelReading;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/**
 * The two worked examples of docs/scoring.md, number by number, each to the rounding the document prints: scores down
 * to one decimal, score interval bounds outwards, metric values and their intervals half up, intermediate figures
 * (standard errors, degrees of freedom, quantiles, gaps) half up to the decimals printed.
 */
class ScoringDocExamplesTest {

    final ProfileCalculator calculator = new ProfileCalculator(ProfileCalculatorTest.MODEL,
            ProfileCalculatorTest.BENCHMARKS::benchmark);
    final RecommendationCatalog catalog = RecommendationCatalog.load();

    /** Example A: five respondents; the tenant's setting says in office, their own answers say otherwise. */
    static List<Map<String, Answer>> exampleA() {
        String[] guide = { "yes", "no", "no", "not-sure", "yes" };
        int[] clear = { 4, 2, 3, 5, 1 };
        int[] effective = { 3, 3, 4, 4, 2 };
        int[] focus = { 4, 6, 8, 10, 12 };
        String[] afterHours = { "sometimes", "often", "rarely", "sometimes", "never" };
        String[] style = { "fully-async", "mostly-async", "mostly-async", "mostly-real-time", "mostly-async" };
        String[] working = { "fully-remote", "fully-remote", "hybrid", "fully-remote", "hybrid" };
        int[] realtime = { 30, 40, 20, 50, 35 };
        List<Map<String, Answer>> team = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Answer> answers = new HashMap<>();
            answers.put("comm-guide-documented", Answer.of(guide[i]));
            answers.put("comm-norms-clear", Answer.of(clear[i]));
            answers.put("comm-effectiveness", Answer.of(effective[i]));
            answers.put("focus-hours", Answer.of(focus[i]));
            answers.put("after-hours-frequency", Answer.of(afterHours[i]));
            answers.put("team-async-style", Answer.of(style[i]));
            answers.put("working-style", Answer.of(working[i]));
            answers.put("realtime-share", Answer.of(realtime[i]));
            team.add(answers);
        }
        return team;
    }

    /** Example B: eight respondents, no tenant setting. */
    static List<Map<String, Answer>> exampleB() {
        String[] guide = { "no", "no", "yes", "no", "no", "yes", "no", "no" };
        int[] focus = { 2, 3, 3, 4, 4, 5, 6, 5 };
        int[] realtime = { 40, 50, 60, 55, 65, 70, 45, 60 };
        String[] style = { "mostly-real-time", "mostly-async", "mostly-real-time", "mostly-async", "mostly-real-time",
                "mostly-async", "mostly-real-time", "mostly-async" };
        String[] working = { "in-office", "in-office", "hybrid", "in-office", "in-office", "hybrid", "in-office",
                "hybrid" };
        List<Map<String, Answer>> team = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Answer> answers = new HashMap<>();
            answers.put("comm-guide-documented", Answer.of(guide[i]));
            answers.put("focus-hours", Answer.of(focus[i]));
            answers.put("realtime-share", Answer.of(realtime[i]));
            answers.put("team-async-style", Answer.of(style[i]));
            answers.put("working-style", Answer.of(working[i]));
            team.add(answers);
        }
        return team;
    }

    @Test
    void exampleAFiveRespondents() {
        TeamProfile profile = calculator.compute(exampleA(), Set.of("workingStyle:IN_OFFICE"), 5);
        assertThat(profile.scoringModel()).isEqualTo("3");

        // Segments: 4 of 5 fully or mostly async; nobody works in the office, whatever the tenant's setting says.
        assertThat(profile.segments()).extracting(TeamProfile.Segment::key).containsExactly("async-first");
        assertThat(profile.segments().get(0).basis())
                .isEqualTo("4 of 5 respondents describe their team as fully or mostly async");

        // Communication guidelines.
        DimensionResult guidelines = dimension(profile, "communication-guidelines");
        assertQuestion(guidelines, "comm-guide-documented", 5, "45.0", "22.91");
        assertQuestion(guidelines, "comm-norms-clear", 5, "50.0", "17.68");
        assertQuestion(guidelines, "comm-effectiveness", 5, "55.0", "9.35");
        assertThat(half(conservative(guidelines), 2)).isEqualTo("16.65");
        assertThat(half(t(4), 3)).isEqualTo("2.776");
        assertScore(guidelines.score(), guidelines.scoreInterval(), "50.0", "13.6", "86.4");
        assertLevels(guidelines.levels(), 3, "Emerging", 1, 5, true);
        assertThat(guidelines.nextLevel())
                .isEqualTo("A documented guide with channel and response-time norms that most of the team knows and uses.");
        MetricResult noGuide = metric(profile, "without-documented-guide");
        assertMetric(noGuide, "40.0", "11.8", "76.9", 5);
        assertComparison(noGuide, "no-documented-guide", null, "-17.9", "-46.9", "19.6", "newcombe",
                Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(noGuide.context()).extracting(b -> b.key()).containsExactly("high-performers-documented-guidelines");

        // Deep focus.
        DimensionResult focus = dimension(profile, "deep-focus");
        assertQuestion(focus, "focus-hours", 5, "40.0", "7.07");
        assertScore(focus.score(), focus.scoreInterval(), "40.0", "22.7", "60.2");
        assertLevels(focus.levels(), 3, "Emerging", 2, 4, true);
        MetricResult hours = metric(profile, "mean-focus-hours");
        assertMetric(hours, "8.0", "4.8", "12.9", 5);
        // s² = (360 − 40²/5) / 4 = 10; SE = √(10/5); q = 8/80; logit and its SE by the delta method.
        assertThat(half(Math.sqrt(10.0 / 5), 3)).isEqualTo("1.414");
        assertThat(half(Math.log(0.1 / 0.9), 3)).isEqualTo("-2.197");
        assertThat(half(Math.sqrt(10.0 / 5) / 80 / (0.1 * 0.9), 3)).isEqualTo("0.196");
        assertThat(half(welchDf(5, 216), 2)).isEqualTo("4.19");
        assertThat(half(TDistribution.of(welchDf(5, 216)).inverseSurvivalProbability(0.025), 3)).isEqualTo("2.728");
        assertThat(half(Math.sqrt(10 * (1.0 / 5 + 1.0 / 216)), 3)).isEqualTo("1.430");
        assertComparison(hours, "deep-focus-hours", null, "-3.7", "-7.6", "0.2", "welch", Verdict.NO_CLEAR_DIFFERENCE);
        MetricResult underFive = metric(profile, "under-five-focus-hours");
        assertMetric(underFive, "20.0", "3.6", "62.4", 5);
        assertComparison(underFive, "under-five-focus-hours", null, "-6.0", "-23.5", "36.8", "newcombe",
                Verdict.NO_CLEAR_DIFFERENCE);

        // Real-time load: no in-office figure for a team not in the office; the large-company figure is context only.
        DimensionResult realtime = dimension(profile, "realtime-load");
        assertQuestion(realtime, "realtime-share", 5, "65.0", "5.00");
        assertScore(realtime.score(), realtime.scoreInterval(), "65.0", "50.2", "77.4");
        assertLevels(realtime.levels(), 4, "Intentional", 3, 4, true);
        MetricResult share = metric(profile, "mean-realtime-share");
        assertMetric(share, "35.0", "22.6", "49.8", 5);
        assertThat(share.benchmark()).isNull();
        assertThat(share.verdict()).isNull();
        assertThat(share.context()).extracting(b -> b.key()).containsExactly("realtime-share-large-companies");

        // After hours: the async-first figure, whose sample size the report does not give.
        DimensionResult afterHours = dimension(profile, "after-hours");
        assertQuestion(afterHours, "after-hours-frequency", 5, "60.0", "12.75");
        assertScore(afterHours.score(), afterHours.scoreInterval(), "60.0", "25.5", "86.8");
        assertLevels(afterHours.levels(), 4, "Intentional", 2, 5, true);
        MetricResult respond = metric(profile, "respond-after-hours");
        assertMetric(respond, "60.0", "23.1", "88.2", 5);
        assertComparison(respond, "respond-after-hours-async", "async-first", "3.0", "-33.9", "31.2", "team-interval",
                Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(metric(profile, "after-hours-pressured").published()).isFalse();
        assertThat(metric(profile, "after-hours-pressured").answered()).isZero();

        // Overall.
        assertThat(half(Intervals.conservativeStandardError(new double[] { conservative(guidelines), conservative(focus),
                conservative(realtime), conservative(afterHours) }), 2)).isEqualTo("10.37");
        assertScore(profile.score(), profile.scoreInterval(), "53.7", "26.7", "78.8");
        assertThat(half(profile.score(), 2)).isEqualTo("53.75");
        assertLevels(profile.levels(), 3, "Emerging", 2, 4, true);

        // Recommendations: none worse than the report; three below the level they lead to, ranked by point gap.
        List<Recommendation> recommendations = catalog.top(profile, ProfileCalculatorTest.MODEL, 5);
        assertThat(recommendations).extracting(Recommendation::key).containsExactly("protect-focus-blocks",
                "write-communication-guide", "make-norms-explicit");
        assertRecommendation(recommendations.get(0), "below level 4 Intentional", "0.000", "0.000", "0.200");
        assertRecommendation(recommendations.get(1), "below level 4 Intentional", "0.000", "0.000", "0.100");
        assertRecommendation(recommendations.get(2), "below level 5 Async-first", "0.000", "0.000", "0.060");
        assertThat(recommendations.get(0).evidence()).isEqualTo(
                "Your team averages 8 h of deep focus a week; the report's average is 11.7 h, and 26% get under 5 h.");
    }

    @Test
    void exampleBEightRespondents() {
        TeamProfile profile = calculator.compute(exampleB(), Set.of(), 5);
        assertThat(profile.scoringModel()).isEqualTo("3");

        // Segments: 5 of 8 in the office; 4 async against 4 real-time is no majority either way.
        assertThat(profile.segments()).extracting(TeamProfile.Segment::key).containsExactly("in-office");
        assertThat(profile.segments().get(0).basis()).isEqualTo("5 of 8 respondents work mostly in the office");

        // Communication guidelines: one published question.
        DimensionResult guidelines = dimension(profile, "communication-guidelines");
        assertQuestion(guidelines, "comm-guide-documented", 8, "25.0", "16.37");
        assertThat(half(t(7), 3)).isEqualTo("2.365");
        assertScore(guidelines.score(), guidelines.scoreInterval(), "25.0", "4.0", "72.5");
        assertLevels(guidelines.levels(), 2, "Ad hoc", 1, 4, true);
        MetricResult noGuide = metric(profile, "without-documented-guide");
        assertMetric(noGuide, "75.0", "40.9", "92.9", 8);
        assertComparison(noGuide, "no-documented-guide", null, "17.1", "-17.6", "36.2", "newcombe",
                Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(metric(profile, "clear-guidelines").published()).isFalse();

        // Deep focus.
        DimensionResult focus = dimension(profile, "deep-focus");
        assertQuestion(focus, "focus-hours", 8, "20.0", "2.31");
        assertScore(focus.score(), focus.scoreInterval(), "20.0", "15.0", "26.1");
        assertLevels(focus.levels(), 2, "Ad hoc", 1, 2, true);
        MetricResult hours = metric(profile, "mean-focus-hours");
        assertMetric(hours, "4.0", "3.0", "5.2", 8);
        double variance = (140 - 32.0 * 32 / 8) / 7;
        assertThat(half(variance, 3)).isEqualTo("1.714");
        assertThat(half(Math.sqrt(variance / 8), 3)).isEqualTo("0.463");
        assertThat(half(Math.log(0.05 / 0.95), 3)).isEqualTo("-2.944");
        assertThat(half(Math.sqrt(variance / 8) / 80 / (0.05 * 0.95), 3)).isEqualTo("0.122");
        assertThat(half(welchDf(8, 216), 2)).isEqualTo("7.53");
        assertThat(half(TDistribution.of(welchDf(8, 216)).inverseSurvivalProbability(0.025), 3)).isEqualTo("2.331");
        assertThat(half(Math.sqrt(variance * (1.0 / 8 + 1.0 / 216)), 3)).isEqualTo("0.471");
        assertComparison(hours, "deep-focus-hours", null, "-7.7", "-8.8", "-6.6", "welch", Verdict.WORSE);
        MetricResult underFive = metric(profile, "under-five-focus-hours");
        assertMetric(underFive, "62.5", "30.6", "86.3", 8);
        // The report's 26% of 216 has the Wilson interval 20.6% to 32.2%.
        assertThat(half(100 * wilsonOfShare(0.26, 216)[0], 1)).isEqualTo("20.6");
        assertThat(half(100 * wilsonOfShare(0.26, 216)[1], 1)).isEqualTo("32.2");
        assertComparison(underFive, "under-five-focus-hours", null, "36.5", "4.0", "60.9", "newcombe", Verdict.WORSE);

        // Real-time load: the in-office figure, chosen by the respondents' answers.
        DimensionResult realtime = dimension(profile, "realtime-load");
        assertQuestion(realtime, "realtime-share", 8, "44.3", "3.59");
        assertScore(realtime.score(), realtime.scoreInterval(), "44.3", "36.1", "53.0");
        assertThat(half(realtime.score(), 3)).isEqualTo("44.375");
        assertLevels(realtime.levels(), 3, "Emerging", 2, 3, true);
        MetricResult share = metric(profile, "mean-realtime-share");
        assertMetric(share, "55.6", "47.1", "63.9", 8);
        assertComparison(share, "realtime-share-in-office", "in-office", "6.4", "-2.1", "14.7", "team-interval",
                Verdict.NO_CLEAR_DIFFERENCE);

        // Overall: three dimensions, the fewest answers 8, so 7 degrees of freedom.
        assertThat(half(Intervals.conservativeStandardError(new double[] { conservative(guidelines), conservative(focus),
                conservative(realtime) }), 2)).isEqualTo("7.42");
        assertScore(profile.score(), profile.scoreInterval(), "29.7", "15.4", "49.6");
        assertThat(half(profile.score(), 2)).isEqualTo("29.79");
        assertLevels(profile.levels(), 2, "Ad hoc", 1, 3, true);

        List<Recommendation> recommendations = catalog.top(profile, ProfileCalculatorTest.MODEL, 5);
        assertThat(recommendations).extracting(Recommendation::key).containsExactly("protect-focus-blocks",
                "cut-realtime-load", "write-communication-guide");
        assertRecommendation(recommendations.get(0), "worse than the report", "0.564", "0.564", "0.200");
        assertThat(half(-hours.differenceInterval().upper() / 11.7, 3)).isEqualTo("0.564");
        assertThat(half(focus.scoreInterval().upper(), 2)).isEqualTo("26.03");
        assertThat(half((40 - focus.scoreInterval().upper()) / 100, 3)).isEqualTo("0.140");
        assertThat(half(realtime.scoreInterval().upper(), 2)).isEqualTo("52.95");
        assertRecommendation(recommendations.get(1), "below level 4 Intentional", "0.071", "0.056", "0.125");
        assertRecommendation(recommendations.get(2), "below level 4 Intentional", "0.000", "0.000", "0.150");
        assertThat(recommendations.get(0).evidence()).isEqualTo(
                "Your team averages 4 h of deep focus a week; the report's average is 11.7 h, and 26% get under 5 h.");
        assertThat(recommendations.get(1).evidence()).isEqualTo("Your team spend 55.6% of their time in real-time "
                + "collaboration; in the report's comparison group it is 49.2%.");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    static String half(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    static String floor(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.FLOOR).toPlainString();
    }

    static String ceiling(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.CEILING).toPlainString();
    }

    /** A dimension's conservative standard error: the mean of its published questions' standard errors. */
    static double conservative(DimensionResult dimension) {
        return Intervals.conservativeStandardError(dimension.questions().stream().filter(q -> q.published())
                .mapToDouble(q -> q.standardError()).toArray());
    }

    static double t(double degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseSurvivalProbability(0.025);
    }

    /** Welch–Satterthwaite with equal variances: a function of the two sample sizes alone. */
    static double welchDf(int n1, int n2) {
        double a = 1.0 / n1;
        double b = 1.0 / n2;
        return (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
    }

    static double[] wilsonOfShare(double p, int n) {
        double z = 1.959963984540054;
        double centre = (p + z * z / (2.0 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return new double[] { centre - half, centre + half };
    }

    /** A score as the profile shows it: down to one decimal, its interval outwards. */
    static void assertScore(Double score, Range interval, String shown, String lower, String upper) {
        assertThat(Rounding.score(score)).isEqualTo(Double.valueOf(shown));
        assertThat(floor(score)).isEqualTo(shown);
        assertThat(floor(interval.lower())).isEqualTo(lower);
        assertThat(ceiling(interval.upper())).isEqualTo(upper);
    }

    static void assertLevels(LevelReading levels, int level, String name, int lowest, int highest,
            boolean provisional) {
        assertThat(levels.level()).isEqualTo(level);
        assertThat(levels.name()).isEqualTo(name);
        assertThat(levels.lowest()).isEqualTo(lowest);
        assertThat(levels.highest()).isEqualTo(highest);
        assertThat(levels.provisional()).isEqualTo(provisional);
    }

    static void assertQuestion(DimensionResult dimension, String key, long answered, String score,
            String standardError) {
        var question = dimension.questions().stream().filter(q -> q.key().equals(key)).findFirst().orElseThrow();
        assertThat(question.answered()).isEqualTo(answered);
        assertThat(floor(question.score())).isEqualTo(score);
        assertThat(half(question.standardError(), standardError.length() - standardError.indexOf('.') - 1))
                .isEqualTo(standardError);
    }

    /** A metric as the profile shows it: value and interval half up to one decimal. */
    static void assertMetric(MetricResult metric, String value, String lower, String upper, int answered) {
        assertThat(metric.published()).isTrue();
        assertThat(metric.answered()).isEqualTo(answered);
        assertThat(half(metric.value(), 1)).isEqualTo(value);
        assertThat(half(metric.interval().lower(), 1)).isEqualTo(lower);
        assertThat(half(metric.interval().upper(), 1)).isEqualTo(upper);
    }

    static void assertComparison(MetricResult metric, String figure, String segment, String difference, String lower,
            String upper, String method, Verdict verdict) {
        assertThat(metric.benchmark().key()).isEqualTo(figure);
        assertThat(metric.segment()).isEqualTo(segment);
        assertThat(half(metric.difference(), 1)).isEqualTo(difference);
        assertThat(half(metric.differenceInterval().lower(), 1)).isEqualTo(lower);
        assertThat(half(metric.differenceInterval().upper(), 1)).isEqualTo(upper);
        assertThat(metric.differenceMethod()).isEqualTo(method);
        assertThat(metric.verdict()).isEqualTo(verdict);
    }

    static void assertRecommendation(Recommendation recommendation, String basis, String gap, String priority,
            String pointPriority) {
        assertThat(recommendation.basis()).isEqualTo(basis);
        assertThat(half(recommendation.gap(), 3)).isEqualTo(gap);
        assertThat(half(recommendation.priority(), 3)).isEqualTo(priority);
        assertThat(half(recommendation.pointPriority(), 3)).isEqualTo(pointPriority);
    }
}
