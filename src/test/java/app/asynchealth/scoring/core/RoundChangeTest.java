package app.asynchealth.scoring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.asynchealth.scoring.core.Aggregates.NumericStats;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.MetricSample.Mean;
import app.asynchealth.scoring.core.MetricSample.Published;
import app.asynchealth.scoring.core.MetricSample.Share;
import app.asynchealth.scoring.core.RoundChange.Change;
import app.asynchealth.scoring.core.RoundChange.Verdict;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;

class RoundChangeTest {

    static MetricDefinition share(List<String> values, List<String> of, Integer atLeast, String healthier) {
        return new MetricDefinition("m", "d", "q", "share", values, of, atLeast, null, null, "label", List.of(), null,
                healthier);
    }

    static Aggregates categorical(Map<String, Long> counts) {
        return new Aggregates(99, Map.of("q", counts), Map.of());
    }

    static Aggregates numeric(long n, String sum, String squares, long below) {
        return new Aggregates(99, Map.of(), Map.of("q", new NumericStats(n, new BigDecimal(sum), new BigDecimal(squares),
                BigDecimal.ZERO, BigDecimal.ZERO, below)));
    }

    // --- samples, as ProfileCalculator takes them --------------------------------------------------------------------

    @Test
    void aShareCountsItsValuesAmongAllAnswers() {
        var sample = MetricSample.of(share(List.of("often", "always"), null, null, "lower"),
                categorical(Map.of("never", 1L, "sometimes", 2L, "often", 2L, "always", 1L)));
        assertThat(sample).isEqualTo(new Share(6, 3));
        assertThat(sample.value()).isEqualTo(50.0);
    }

    @Test
    void aShareOfAPartCountsOnlyThatPart() {
        var sample = MetricSample.of(share(List.of("feel-pressured"), List.of("personal-choice", "feel-pressured"),
                null, "lower"), categorical(Map.of("feel-pressured", 1L, "personal-choice", 3L, "never", 5L)));
        assertThat(sample).isEqualTo(new Share(4, 1));
    }

    @Test
    void aLikertShareCountsAnswersAtLeast() {
        var sample = MetricSample.of(share(null, null, 4, "higher"), categorical(Map.of("2", 1L, "4", 2L, "5", 3L)));
        assertThat(sample).isEqualTo(new Share(6, 5));
    }

    @Test
    void aShareBelowCountsNumbersUnderTheThreshold() {
        var metric = new MetricDefinition("m", "d", "q", "share-below", null, null, null, 5.0, null, "l", List.of(),
                null, "lower");
        assertThat(MetricSample.of(metric, numeric(6, "40", "400", 2))).isEqualTo(new Share(6, 2));
    }

    @Test
    void aMeanHasTheSampleVarianceOfItsExactSums() {
        var metric = new MetricDefinition("m", "d", "q", "mean", null, null, null, null, List.of(0.0, 80.0), "l",
                List.of(), null, "higher");
        // 2, 4, 6, 8: mean 5, sample variance (120 − 100) / 3 ... Σx² = 4 + 16 + 36 + 64 = 120, (Σx)²/n = 100.
        Mean mean = (Mean) MetricSample.of(metric, numeric(4, "20", "120", 0));
        assertThat(mean.n()).isEqualTo(4);
        assertThat(mean.mean()).isEqualTo(5.0);
        assertThat(mean.variance()).isCloseTo(20.0 / 3, within(1e-12));
        assertThat(mean.min()).isEqualTo(0.0);
        assertThat(mean.max()).isEqualTo(80.0);
    }

    @Test
    void noAnswersNoSample() {
        assertThat(MetricSample.of(share(List.of("often"), null, null, "lower"), new Aggregates(5, Map.of(), Map.of())))
                .isNull();
    }

    // --- the change --------------------------------------------------------------------------------------------------

    @Test
    void sharesUseNewcombesHybridScoreIntervalInPercentagePoints() {
        // Newcombe (1998), Table II, example (a): 56/70 − 48/80 = 0.2000, method 10: 0.0524 to 0.3339.
        Change change = RoundChange.between(new Share(80, 48), new Share(70, 56), "higher");
        assertThat(change.value()).isCloseTo(20.0, within(1e-9));
        assertThat(change.interval().lower()).isCloseTo(5.24, within(0.005));
        assertThat(change.interval().upper()).isCloseTo(33.39, within(0.005));
        assertThat(change.method()).isEqualTo("newcombe");
        assertThat(change.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void aFallOfAShareWhereLowerIsHealthierIsAnImprovementAndARiseIsNot() {
        // 5 of 6 often in unnecessary meetings, then 0 of 6.
        Change fall = RoundChange.between(new Share(6, 5), new Share(6, 0), "lower");
        assertThat(fall.value()).isCloseTo(-83.33, within(0.01));
        assertThat(fall.interval().upper()).isLessThan(0);
        assertThat(fall.verdict()).isEqualTo(Verdict.IMPROVED);
        Change rise = RoundChange.between(new Share(6, 0), new Share(6, 5), "lower");
        assertThat(rise.verdict()).isEqualTo(Verdict.WORSENED);
        assertThat(rise.interval().lower()).isGreaterThan(0);
    }

    @Test
    void aSmallChangeOfSmallSamplesIsWithinNoise() {
        Change change = RoundChange.between(new Share(5, 3), new Share(5, 2), "lower");
        assertThat(change.value()).isCloseTo(-20.0, within(1e-9));
        assertThat(change.interval().contains(0)).isTrue();
        assertThat(change.verdict()).isEqualTo(Verdict.WITHIN_NOISE);
    }

    @Test
    void withoutADirectionAChangeOutsideTheNoiseHasNoVerdict() {
        assertThat(RoundChange.between(new Share(6, 5), new Share(6, 0), null).verdict()).isNull();
        assertThat(RoundChange.between(new Share(5, 3), new Share(5, 2), null).verdict()).isEqualTo(Verdict.WITHIN_NOISE);
    }

    @Test
    void meansUseWelchWithBothVariances() {
        // after: n 10, mean 12, variance 16; before: n 8, mean 8, variance 9. SE = √(1.6 + 1.125) = 1.6508,
        // df = 2.725² / (1.6²/9 + 1.125²/7) = 15.96, t ≈ 2.1201: 4 ± 3.4999.
        Change change = RoundChange.between(new Mean(8, 8, 9, 0, 80), new Mean(10, 12, 16, 0, 80), "higher");
        assertThat(change.method()).isEqualTo("welch");
        assertThat(change.value()).isEqualTo(4.0);
        assertThat(change.interval().lower()).isCloseTo(0.50, within(0.01));
        assertThat(change.interval().upper()).isCloseTo(7.50, within(0.01));
        assertThat(change.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void aMeanWithoutSpreadCombinesTheRoundsOwnConservativeIntervals() {
        Mean before = new Mean(5, 10, 0, 0, 80);
        Mean after = new Mean(6, 14, 4, 0, 80);
        Change change = RoundChange.between(before, after, "higher");
        assertThat(change.method()).isEqualTo("mover");
        Range a = after.interval();
        Range b = before.interval();
        assertThat(change.interval().lower()).isCloseTo(4 - Math.hypot(14 - a.lower(), b.upper() - 10), within(1e-9));
        assertThat(change.interval().upper()).isCloseTo(4 + Math.hypot(a.upper() - 14, 10 - b.lower()), within(1e-9));
        // No spread in five answers is no knowledge of the spread: wider than Welch would be with the other variance.
        assertThat(change.interval().upper() - change.interval().lower()).isGreaterThan(4);
    }

    @Test
    void newcombeIsTheMoverOfWilsonIntervals() {
        Share before = new Share(12, 9);
        Share after = new Share(9, 2);
        Change change = RoundChange.between(before, after, "lower");
        Range mover = RoundChange.mover(after.value() - before.value(), after, before);
        assertThat(change.interval().lower()).isCloseTo(mover.lower(), within(1e-9));
        assertThat(change.interval().upper()).isCloseTo(mover.upper(), within(1e-9));
    }

    @Test
    void aPublishedFigureIsComparedByItsPublishedInterval() {
        Change change = RoundChange.between(new Published(6, 83.3, new Range(43.6, 97.0)), new Share(6, 0), "lower");
        assertThat(change.method()).isEqualTo("mover");
        assertThat(change.value()).isCloseTo(-83.3, within(1e-9));
        assertThat(change.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void aMeanOfOneAnswerHasNoInterval() {
        assertThat(RoundChange.between(new Mean(1, 10, 0, 0, 80), new Mean(6, 14, 4, 0, 80), "higher")).isNull();
    }
}
