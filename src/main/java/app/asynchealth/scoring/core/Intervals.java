package app.asynchealth.scoring.core;

import java.util.Objects;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * Confidence intervals for the scoring core, and the verdict a difference interval supports. Plain Java: every method
 * is a pure function of its arguments. {@code errorRate} is the two-sided error rate, 0.05 for a 95% interval.
 */
public final class Intervals {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Intervals() {
    }

    /** A closed interval. */
    public record Range(double lower, double upper) {

        public Range {
            if (!(lower <= upper)) {
                throw new IllegalArgumentException("not an interval: [" + lower + ", " + upper + "]");
            }
        }

        public boolean contains(double x) {
            return lower <= x && x <= upper;
        }
    }

    /** Which way is healthier. */
    public enum Direction {
        HIGHER, LOWER
    }

    public enum Verdict {
        BETTER, WORSE, NO_CLEAR_DIFFERENCE
    }

    /** Wilson score interval of a share hits/n, as proportions 0-1. */
    public static Range wilson(long n, long hits, double errorRate) {
        checkErrorRate(errorRate);
        Interval interval = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(n),
                Math.toIntExact(hits), errorRate);
        return new Range(interval.getLowerBound(), interval.getUpperBound());
    }

    /**
     * Newcombe's hybrid score interval (Newcombe 1998, "Interval estimation for the difference between independent
     * proportions: comparison of eleven methods", Statistics in Medicine 17:873-890, method 10) for p1 − p2, as
     * proportions (−1..1). The first share is hits1/n1; the second is a report's share p2 of a sample of n2, whose
     * count p2·n2 need not be an integer: the Wilson bounds of p2 are computed from the share itself (the Wilson formula
     * only needs p and n).
     */
    public static Range newcombeDifference(long n1, long hits1, double p2, long n2, double errorRate) {
        checkErrorRate(errorRate);
        if (!(p2 >= 0 && p2 <= 1) || n2 < 1) {
            throw new IllegalArgumentException("p2 must be a share 0-1 of n2 >= 1, got " + p2 + " of " + n2);
        }
        double p1 = (double) hits1 / n1;
        Range first = wilson(n1, hits1, errorRate);
        Range second = wilsonOfShare(p2, n2, criticalValue(errorRate));
        double difference = p1 - p2;
        double lower = difference - Math.hypot(p1 - first.lower(), second.upper() - p2);
        double upper = difference + Math.hypot(first.upper() - p1, p2 - second.lower());
        // The bounds stay within [l1 − u2, u1 − l2] ⊂ [−1, 1]; the clamp only removes rounding.
        return new Range(Math.max(-1, lower), Math.min(1, upper));
    }

    /**
     * Wilson score interval of a share p of n at the normal critical value z, from the formula
     * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n); for p = hits/n it equals {@link #wilson}.
     */
    static Range wilsonOfShare(double p, long n, double z) {
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Range(Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth));
    }

    /**
     * Interval for the mean of values bounded in [min, max] (hours 0-168, a percentage 0-100, a score 0-100).
     * <p>
     * The plain t interval mean ± t·s/√n can leave [min, max] for small samples or means near a bound, which would
     * report impossible values. So the interval is built on the logit scale of q = (mean − min)/(max − min): the
     * standard error of q, s/(√n·(max − min)), becomes s_q/(q(1 − q)) there (delta method), the Student t quantile with
     * n − 1 degrees of freedom gives logit(q) ± t·se, and the bounds are transformed back. The result is inside
     * [min, max], contains the mean, is asymmetric toward the nearer bound, and near mid-range with a small standard
     * error it is practically the plain t interval (the logit is almost linear there).
     * <p>
     * Edge cases: with zero variance the interval is the mean itself (every value was the same). When the mean sits
     * on a bound with a positive variance (only possible through rounding) the logit is infinite; the interval then
     * runs from that bound toward the other side over the width the plain t interval would have, 2·t·s/√n, clamped to
     * [min, max]: no smaller than the data claims and never past the other bound.
     *
     * @return null when n < 2 (no variance, so no interval)
     */
    public static Range boundedMean(double mean, double variance, long n, double min, double max, double errorRate) {
        checkErrorRate(errorRate);
        if (!(min < max) || !(mean >= min && mean <= max) || !(variance >= 0)) {
            throw new IllegalArgumentException(
                    "need min < max, mean in [min, max] and variance >= 0: " + mean + ", " + variance + ", " + min
                            + ", " + max);
        }
        if (n < 2) {
            return null;
        }
        if (variance == 0) {
            return new Range(mean, mean);
        }
        double standardError = Math.sqrt(variance / n);
        double t = TDistribution.of(n - 1).inverseSurvivalProbability(errorRate / 2);
        double width = max - min;
        double q = (mean - min) / width;
        if (q <= 0) {
            return new Range(min, Math.min(max, min + 2 * t * standardError));
        }
        if (q >= 1) {
            return new Range(Math.max(min, max - 2 * t * standardError), max);
        }
        double logit = Math.log(q / (1 - q));
        double logitError = standardError / width / (q * (1 - q));
        double lower = min + width * logistic(logit - t * logitError);
        double upper = min + width * logistic(logit + t * logitError);
        // Clamps and the mean itself guard against rounding in min + width·(…).
        return new Range(Math.max(min, Math.min(lower, mean)), Math.min(max, Math.max(upper, mean)));
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Interval for mean1 − mean2, a team mean against a report mean when the report publishes no spread: Welch's t
     * interval with the report's variance ASSUMED EQUAL to the team's (the only spread known; a report with a wider
     * spread would widen the interval, so verdicts are not conservative when a report's population varies more than
     * the team). Degrees of freedom by Welch–Satterthwaite, which with equal variances reduce to a function of n1 and
     * n2 alone.
     *
     * @return the point difference when variance1 is 0; null when n1 or n2 < 2 (no degrees of freedom)
     */
    public static Range meanDifference(double mean1, double variance1, long n1, double mean2, long n2,
            double errorRate) {
        checkErrorRate(errorRate);
        if (!(variance1 >= 0)) {
            throw new IllegalArgumentException("variance must be >= 0, got " + variance1);
        }
        if (n1 < 2 || n2 < 2) {
            return null;
        }
        double difference = mean1 - mean2;
        if (variance1 == 0) {
            return new Range(difference, difference);
        }
        double standardError = Math.sqrt(variance1 / n1 + variance1 / n2);
        double df = welchDegreesOfFreedom(variance1, n1, variance1, n2);
        double t = TDistribution.of(df).inverseSurvivalProbability(errorRate / 2);
        return new Range(difference - t * standardError, difference + t * standardError);
    }

    /**
     * Interval for the mean of values bounded in [min, max] when the sample shows no spread (every answer the same).
     * No spread in a few answers does not mean none in the team, and a t interval would shrink to the point. A value
     * in [min, max] with mean m has at most the variance of a two-point value at the bounds, so the Wilson interval of
     * the scaled mean (m − min)/(max − min) among n is a conservative interval for it; it also stays sensible at a
     * bound. Null when n < 1.
     */
    public static Range boundedMeanWithoutSpread(double mean, long n, double min, double max, double errorRate) {
        checkErrorRate(errorRate);
        if (n < 1) {
            return null;
        }
        double p = Math.max(0, Math.min(1, (mean - min) / (max - min)));
        Range scaled = wilsonOfShare(p, n, criticalValue(errorRate));
        return new Range(min + scaled.lower() * (max - min), min + scaled.upper() * (max - min));
    }

    /** Welch–Satterthwaite degrees of freedom: (v1/n1 + v2/n2)² / ((v1/n1)²/(n1 − 1) + (v2/n2)²/(n2 − 1)). */
    static double welchDegreesOfFreedom(double variance1, long n1, double variance2, long n2) {
        double a = variance1 / n1;
        double b = variance2 / n2;
        return (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
    }

    /**
     * BETTER when the whole difference interval (team − report) lies on the healthier side of 0, WORSE when it lies
     * wholly on the other side, else NO_CLEAR_DIFFERENCE. An interval touching 0 is no clear difference, and so is a
     * missing interval (null: too little data to compute one).
     */
    public static Verdict verdict(Range difference, Direction healthier) {
        Objects.requireNonNull(healthier, "healthier");
        if (difference == null) {
            return Verdict.NO_CLEAR_DIFFERENCE;
        }
        boolean above = difference.lower() > 0;
        boolean below = difference.upper() < 0;
        if (!above && !below) {
            return Verdict.NO_CLEAR_DIFFERENCE;
        }
        return above == (healthier == Direction.HIGHER) ? Verdict.BETTER : Verdict.WORSE;
    }

    /**
     * Conservative standard error of the equally weighted mean of k parts that may be correlated (dimension and overall
     * scores average sub-scores answered by the same people). Var(Σ wᵢXᵢ) ≤ (Σ wᵢσᵢ)² by Cauchy–Schwarz, with equality
     * for perfectly correlated parts, so Σ σᵢ / k never understates the error, whatever the correlations.
     */
    public static double conservativeStandardError(double[] standardErrors) {
        if (standardErrors.length == 0) {
            throw new IllegalArgumentException("no standard errors");
        }
        double sum = 0;
        for (double standardError : standardErrors) {
            if (!(standardError >= 0)) {
                throw new IllegalArgumentException("standard errors must be >= 0, got " + standardError);
            }
            sum += standardError;
        }
        return sum / standardErrors.length;
    }

    private static void checkErrorRate(double errorRate) {
        if (!(errorRate > 0 && errorRate < 1)) {
            throw new IllegalArgumentException("error rate must be in (0, 1), got " + errorRate);
        }
    }

    /** The two-sided standard normal critical value z with P(|Z| > z) = errorRate. */
    private static double criticalValue(double errorRate) {
        return STANDARD_NORMAL.inverseSurvivalProbability(errorRate / 2);
    }
}
