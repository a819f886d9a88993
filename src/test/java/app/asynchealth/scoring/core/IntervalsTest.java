package app.asynchealth.scoring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import app.asynchealth.scoring.core.Intervals.Direction;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.Intervals.Verdict;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

class IntervalsTest {

    private static final double NINETY_FIVE = 0.05;
    /** Published values are rounded to 4 decimals. */
    private static final double FOUR_DECIMALS = 0.00005;
    /** The standard normal 97.5% quantile, written out so the hand derivations below do not use the library. */
    private static final double Z = 1.959963984540054;

    // --- Wilson -----------------------------------------------------------------------------------------------------

    @Test
    void wilsonKnownSmallSamples() {
        // Commonly quoted examples: 1 of 5 → 3.6% to 62.4%, 3 of 5 → 23.1% to 88.2%. Not checked against a publication
        // here; the Wilson formula gives 0.0362 to 0.6245 and 0.2307 to 0.8824.
        assertRange(Intervals.wilson(5, 1, NINETY_FIVE), 0.036, 0.624, 0.0005);
        assertRange(Intervals.wilson(5, 3, NINETY_FIVE), 0.231, 0.882, 0.0005);
    }

    @Test
    void wilsonPublishedValues() {
        // Newcombe (1998) "Two-sided confidence intervals for the single proportion: comparison of seven methods",
        // Statistics in Medicine 17:857-872, method 3 (score, no continuity correction): 81/263 → 0.2553 to 0.3662 and
        // 15/148 → 0.0624 to 0.1605. The same numbers are the expected values of m-Py/propint
        // tests/testthat/test_Single_Proportion_CI.R ("results reported in Newcombe1998"; that it is this 1998 paper is
        // from propint's README, "Method 3, 1998c").
        assertRange(Intervals.wilson(263, 81, NINETY_FIVE), 0.2553, 0.3662, FOUR_DECIMALS);
        assertRange(Intervals.wilson(148, 15, NINETY_FIVE), 0.0624, 0.1605, FOUR_DECIMALS);
    }

    @Test
    void wilsonOfAShareEqualsTheCountedWilsonAndAcceptsFractionalCounts() {
        for (int hits = 0; hits <= 12; hits++) {
            Range counted = Intervals.wilson(12, hits, NINETY_FIVE);
            Range share = Intervals.wilsonOfShare(hits / 12.0, 12, Z);
            assertRange(share, counted.lower(), counted.upper(), 1e-12);
        }
        // 18.15 "hits" of 33 (a report's 55% of 33): bounds between those of 18/33 and 19/33.
        Range fractional = Intervals.wilsonOfShare(0.55, 33, Z);
        assertThat(fractional.lower()).isBetween(Intervals.wilson(33, 18, NINETY_FIVE).lower(),
                Intervals.wilson(33, 19, NINETY_FIVE).lower());
        assertThat(fractional.upper()).isBetween(Intervals.wilson(33, 18, NINETY_FIVE).upper(),
                Intervals.wilson(33, 19, NINETY_FIVE).upper());
    }

    // --- Newcombe method 10 -----------------------------------------------------------------------------------------

    @Test
    void newcombePublishedExamplesConfirmedFromASource() {
        // Newcombe (1998) "Interval estimation for the difference between independent proportions: comparison of
        // eleven methods", Statistics in Medicine 17:873-890, Table II, method 10. Confirmed: the same numbers are the
        // expected values of m-Py/propint tests/testthat/test_Two_Independent_Props_CI.R ("results reported in
        // Newcombe1998").
        // (a) 56/70 − 48/80 → 0.0524 to 0.3339
        assertRange(Intervals.newcombeDifference(70, 56, 48 / 80.0, 80, NINETY_FIVE), 0.0524, 0.3339, FOUR_DECIMALS);
        // (b) 9/10 − 3/10 → 0.1705 to 0.8090
        assertRange(Intervals.newcombeDifference(10, 9, 3 / 10.0, 10, NINETY_FIVE), 0.1705, 0.8090, FOUR_DECIMALS);
    }

    @Test
    void newcombeOtherTableIIExamplesDerivedByHand() {
        // The other examples of the same Table II, (c)-(h). NOT CONFIRMED FROM A SOURCE: the 4-decimal numbers below
        // are the method 10 column as recalled; no public test or page found here states them. Each is therefore also
        // derived by hand from the method 10 formula with the classic form of the Wilson bounds (handWilson, below),
        // independently of the class, and both must agree.
        // (c) 6/7 − 2/7 → 0.0582 to 0.8062
        Range c = handNewcombe(6, 7, 2, 7);
        assertRange(c, 0.0582, 0.8062, FOUR_DECIMALS);
        assertRange(Intervals.newcombeDifference(7, 6, 2 / 7.0, 7, NINETY_FIVE), c.lower(), c.upper(), 1e-12);
        // (d) 5/56 − 0/29 → −0.0381 to 0.1926
        Range d = handNewcombe(5, 56, 0, 29);
        assertRange(d, -0.0381, 0.1926, FOUR_DECIMALS);
        assertRange(Intervals.newcombeDifference(56, 5, 0, 29, NINETY_FIVE), d.lower(), d.upper(), 1e-12);

        // With zero or full counts the Wilson bounds are closed forms: 0/n has upper bound z²/(n + z²), n/n has lower
        // bound n/(n + z²), so 1 − lower = z²/(n + z²) too.
        double zeroOf10 = Z * Z / (10 + Z * Z); // 0.2775
        double zeroOf20 = Z * Z / (20 + Z * Z); // 0.1611
        // (e) 0/10 − 0/20 → −u(0/20) to u(0/10) = −0.1611 to 0.2775
        assertRange(Intervals.newcombeDifference(10, 0, 0, 20, NINETY_FIVE), -zeroOf20, zeroOf10, 1e-12);
        assertRange(new Range(-zeroOf20, zeroOf10), -0.1611, 0.2775, FOUR_DECIMALS);
        // (f) 0/10 − 0/10 → ±u(0/10) = −0.2775 to 0.2775
        assertRange(Intervals.newcombeDifference(10, 0, 0, 10, NINETY_FIVE), -zeroOf10, zeroOf10, 1e-12);
        // (g) 10/10 − 0/20 → 1 − √((1 − l(10/10))² + u(0/20)²) to 1 = 0.6791 to 1
        double g = 1 - Math.sqrt(zeroOf10 * zeroOf10 + zeroOf20 * zeroOf20);
        assertRange(Intervals.newcombeDifference(10, 10, 0, 20, NINETY_FIVE), g, 1, 1e-12);
        assertThat(g).isCloseTo(0.6791, within(FOUR_DECIMALS));
        // (h) 10/10 − 0/10 → 1 − √2·u(0/10) to 1 = 0.6075 to 1
        double h = 1 - Math.sqrt(2) * zeroOf10;
        assertRange(Intervals.newcombeDifference(10, 10, 0, 10, NINETY_FIVE), h, 1, 1e-12);
        assertThat(h).isCloseTo(0.6075, within(FOUR_DECIMALS));
    }

    @Test
    void newcombeWithAFractionalReportCountLiesBetweenTheNeighbouringCounts() {
        // A report's 55% of 33 people is 18.15 people: the interval sits between those for 18/33 and 19/33.
        Range fractional = Intervals.newcombeDifference(40, 25, 0.55, 33, NINETY_FIVE);
        Range of18 = Intervals.newcombeDifference(40, 25, 18 / 33.0, 33, NINETY_FIVE);
        Range of19 = Intervals.newcombeDifference(40, 25, 19 / 33.0, 33, NINETY_FIVE);
        assertThat(fractional.lower()).isBetween(of19.lower(), of18.lower());
        assertThat(fractional.upper()).isBetween(of19.upper(), of18.upper());
        assertThat(fractional.contains(25 / 40.0 - 0.55)).isTrue();
    }

    /** Method 10 written out from the paper, with Wilson's bounds in their classic form. */
    private static Range handNewcombe(int hits1, int n1, int hits2, int n2) {
        double p1 = (double) hits1 / n1;
        double p2 = (double) hits2 / n2;
        double[] w1 = handWilson(hits1, n1);
        double[] w2 = handWilson(hits2, n2);
        double lower = p1 - p2 - Math.sqrt((p1 - w1[0]) * (p1 - w1[0]) + (w2[1] - p2) * (w2[1] - p2));
        double upper = p1 - p2 + Math.sqrt((w1[1] - p1) * (w1[1] - p1) + (p2 - w2[0]) * (p2 - w2[0]));
        return new Range(lower, upper);
    }

    /** Wilson (1927): (2r + z² ∓ z·√(z² + 4r(1 − r/n))) / (2(n + z²)). */
    private static double[] handWilson(int r, int n) {
        double root = Z * Math.sqrt(Z * Z + 4.0 * r * (1 - (double) r / n));
        return new double[] {(2.0 * r + Z * Z - root) / (2 * (n + Z * Z)), (2.0 * r + Z * Z + root) / (2 * (n + Z * Z))};
    }

    // --- Bounded mean -----------------------------------------------------------------------------------------------

    @Property(tries = 2000)
    void boundedMeanNeverLeavesTheBoundsAndContainsTheMean(
            @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double position,
            @ForAll @DoubleRange(min = 0, max = 1) @Scale(12) double spread,
            @ForAll @LongRange(min = 2, max = 100_000) long n,
            @ForAll @DoubleRange(min = -1000, max = 1000) double min,
            @ForAll @DoubleRange(min = 0.001, max = 1000) @Scale(3) double width) {
        double max = min + width;
        double mean = Math.min(max, min + position * width);
        double variance = spread * width * width; // up to far more than bounded data can have
        Range range = Intervals.boundedMean(mean, variance, n, min, max, NINETY_FIVE);
        assertThat(range.lower()).isGreaterThanOrEqualTo(min);
        assertThat(range.upper()).isLessThanOrEqualTo(max);
        assertThat(range.contains(mean)).isTrue();
    }

    @Test
    void boundedMeanIsThePlainTIntervalNearMidRange() {
        // Mean 50 of 0-100, sd 10, n 400: plain t is 50 ± t(0.975, 399)·0.5, t = 1.96597 (t tables); the logit scale is
        // nearly linear around 0.5, so the bounds agree to far better than 0.001.
        Range range = Intervals.boundedMean(50, 100, 400, 0, 100, NINETY_FIVE);
        assertRange(range, 50 - 1.96597 * 0.5, 50 + 1.96597 * 0.5, 0.001);
    }

    @Test
    void boundedMeanStaysInsideWhereThePlainTIntervalWouldNot() {
        // Mean 1 hour of 0-168, sd 2, n 10: plain t would be 1 ± 2.262157·0.632 = −0.43 to 2.43 (below 0 hours).
        Range range = Intervals.boundedMean(1, 4, 10, 0, 168, NINETY_FIVE);
        assertThat(range.lower()).isGreaterThan(0).isLessThan(1);
        assertThat(range.upper()).isGreaterThan(2.43); // skewed toward the open side
    }

    @Test
    void boundedMeanNarrowsAsNGrows() {
        double previous = Double.POSITIVE_INFINITY;
        for (long n : new long[] {2, 3, 5, 10, 30, 100, 1000, 100_000}) {
            Range range = Intervals.boundedMean(20, 400, n, 0, 100, NINETY_FIVE);
            double width = range.upper() - range.lower();
            assertThat(width).as("n = %d", n).isLessThan(previous);
            previous = width;
        }
    }

    @Test
    void boundedMeanEdgeCases() {
        // Zero variance: the point itself, even on a bound.
        assertRange(Intervals.boundedMean(42, 0, 7, 0, 100, NINETY_FIVE), 42, 42, 0);
        assertRange(Intervals.boundedMean(0, 0, 7, 0, 100, NINETY_FIVE), 0, 0, 0);
        // Too few values for a variance.
        assertThat(Intervals.boundedMean(42, 1, 1, 0, 100, NINETY_FIVE)).isNull();
        // Mean on a bound (a rounding artefact): one-sided from the bound, as wide as the plain t interval 2·t·s/√n.
        // Mean 100 of 0-100, variance 4, n 4: t(0.975, 3) = 3.182446 (t tables), s/√n = 1 → 100 − 6.364892 to 100.
        assertRange(Intervals.boundedMean(100, 4, 4, 0, 100, NINETY_FIVE), 100 - 2 * 3.182446, 100, 1e-5);
        // Mean 0 of 0-168, variance 0.01, n 10: t(0.975, 9) = 2.262157, s/√n = 0.1/√10 → 0 to 0.143072.
        assertRange(Intervals.boundedMean(0, 0.01, 10, 0, 168, NINETY_FIVE), 0, 2 * 2.262157 * 0.1 / Math.sqrt(10),
                1e-6);
        // Wider than the whole range: clamped. Mean 0 of 0-100, variance 10000, n 2 → t(0.975, 1)·70.7 far past 100.
        assertRange(Intervals.boundedMean(0, 10_000, 2, 0, 100, NINETY_FIVE), 0, 100, 0);
        assertThatThrownBy(() -> Intervals.boundedMean(101, 1, 5, 0, 100, NINETY_FIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- Mean difference (Welch) ------------------------------------------------------------------------------------

    @Test
    void welchDegreesOfFreedomByHand() {
        // v = 4, n1 = 10, n2 = 20: v/n1 = 0.4, v/n2 = 0.2; df = 0.6² / (0.4²/9 + 0.2²/19) = 0.36·171 / 3.4 = 18.105882.
        assertThat(Intervals.welchDegreesOfFreedom(4, 10, 4, 20)).isCloseTo(61.56 / 3.4, within(1e-12));
        // Equal sizes and variances give the pooled df 2(n − 1).
        assertThat(Intervals.welchDegreesOfFreedom(5, 10, 5, 10)).isCloseTo(18, within(1e-12));
    }

    @Test
    void meanDifferenceByHand() {
        // Team mean 12, variance 5, n 10 against a report mean 10 of 10 people, variance assumed 5:
        // se = √(5/10 + 5/10) = 1, df = 18, t(0.975, 18) = 2.100922 (t tables) → 2 ± 2.100922.
        Range range = Intervals.meanDifference(12, 5, 10, 10, 10, NINETY_FIVE);
        assertRange(range, 2 - 2.100922, 2 + 2.100922, 1e-6);
        // Unequal sizes: se = √(0.4 + 0.2) = 0.774597, df = 18.105882; t(0.975, 18.105882) lies between t(0.975, 19)
        // = 2.093024 and t(0.975, 18) = 2.100922.
        Range unequal = Intervals.meanDifference(10, 4, 10, 8, 20, NINETY_FIVE);
        double halfWidth = (unequal.upper() - unequal.lower()) / 2;
        assertThat((unequal.upper() + unequal.lower()) / 2).isCloseTo(2, within(1e-12));
        assertThat(halfWidth / Math.sqrt(0.6)).isBetween(2.093024, 2.100922);
        // Degenerate inputs.
        assertRange(Intervals.meanDifference(3, 0, 10, 1, 10, NINETY_FIVE), 2, 2, 0);
        assertThat(Intervals.meanDifference(3, 1, 1, 1, 10, NINETY_FIVE)).isNull();
        assertThat(Intervals.meanDifference(3, 1, 10, 1, 1, NINETY_FIVE)).isNull();
    }

    // --- Verdict ----------------------------------------------------------------------------------------------------

    @Test
    void verdictWhenHigherIsHealthier() {
        assertThat(Intervals.verdict(new Range(0.1, 0.3), Direction.HIGHER)).isEqualTo(Verdict.BETTER);
        assertThat(Intervals.verdict(new Range(-0.3, -0.1), Direction.HIGHER)).isEqualTo(Verdict.WORSE);
        assertThat(Intervals.verdict(new Range(-0.1, 0.3), Direction.HIGHER)).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
    }

    @Test
    void verdictWhenLowerIsHealthier() {
        assertThat(Intervals.verdict(new Range(-0.3, -0.1), Direction.LOWER)).isEqualTo(Verdict.BETTER);
        assertThat(Intervals.verdict(new Range(0.1, 0.3), Direction.LOWER)).isEqualTo(Verdict.WORSE);
        assertThat(Intervals.verdict(new Range(-0.1, 0.3), Direction.LOWER)).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
    }

    @Test
    void verdictAnIntervalTouchingZeroIsNoClearDifference() {
        for (Direction direction : Direction.values()) {
            assertThat(Intervals.verdict(new Range(0, 0.3), direction)).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
            assertThat(Intervals.verdict(new Range(-0.3, 0), direction)).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
            assertThat(Intervals.verdict(new Range(0, 0), direction)).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
            assertThat(Intervals.verdict(null, direction)).isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        }
        // Just off zero is clear.
        assertThat(Intervals.verdict(new Range(Double.MIN_VALUE, 0.3), Direction.HIGHER)).isEqualTo(Verdict.BETTER);
    }

    // --- Conservative standard error --------------------------------------------------------------------------------

    @Test
    void conservativeStandardErrorIsTheMeanOfThePartsErrors() {
        assertThat(Intervals.conservativeStandardError(new double[] {0.2, 0.4, 0.6})).isCloseTo(0.4, within(1e-15));
        // Two identical parts with se 1: perfectly correlated, the mean's se is exactly 1 (independent would be
        // 1/√2 = 0.707, which would understate it).
        assertThat(Intervals.conservativeStandardError(new double[] {1, 1})).isEqualTo(1);
        assertThatThrownBy(() -> Intervals.conservativeStandardError(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Intervals.conservativeStandardError(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void conservativeStandardErrorNeverUnderstatesTheIndependentCase(
            @ForAll @DoubleRange(min = 0, max = 100) double a,
            @ForAll @DoubleRange(min = 0, max = 100) double b,
            @ForAll @DoubleRange(min = 0, max = 100) double c) {
        double independent = Math.sqrt(a * a + b * b + c * c) / 3;
        // Equal when only one part is non-zero; allow the last bit of rounding of √(a²).
        assertThat(Intervals.conservativeStandardError(new double[] {a, b, c}))
                .isGreaterThanOrEqualTo(independent * (1 - 1e-12));
    }

    private static void assertRange(Range range, double lower, double upper, double tolerance) {
        assertThat(range).isNotNull();
        assertThat(range.lower()).as("lower").isCloseTo(lower, within(tolerance));
        assertThat(range.upper()).as("upper").isCloseTo(upper, within(tolerance));
    }
}
