package app.asynchealth.scoring.core;

import org.apache.commons.statistics.distribution.TDistribution;

import app.asynchealth.scoring.core.Intervals.Direction;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.MetricSample.Mean;
import app.asynchealth.scoring.core.MetricSample.Published;
import app.asynchealth.scoring.core.MetricSample.Sample;
import app.asynchealth.scoring.core.MetricSample.Share;

/**
 * How one metric changed between two closed rounds of a team (the round an action was adopted from, and the round that
 * measures it): from each round's {@link MetricSample}, the 95% interval of the difference of the two independent
 * samples. Plain Java, pure functions.
 *
 * <p>Shares (in percent): Newcombe's hybrid score interval of p_after − p_before. Means: Welch's t interval with both
 * samples' own variances; when either sample shows no spread (every answer the same), the spread is unknown rather
 * than zero, so the difference interval is built like Newcombe's from the two rounds' conservative intervals (MOVER,
 * Zou &amp; Donner 2008), which is what the profile shows for such a mean too.
 */
public final class RoundChange {

    private RoundChange() {
    }

    public enum Verdict {
        /** The whole interval of the change lies on the healthier side of 0. */
        IMPROVED,
        /** It lies wholly on the other side. */
        WORSENED,
        /** It contains 0: the change cannot be told from noise. */
        WITHIN_NOISE
    }

    /**
     * @param value after − before
     * @param verdict null when the interval excludes 0 but the metric has no healthier direction
     * @param method newcombe, welch or mover
     */
    public record Change(double value, Range interval, Verdict verdict, String method) {
    }

    /**
     * The change after − before, its 95% interval and verdict.
     *
     * @param healthier "higher", "lower" or null (no direction: a verdict only when the interval contains 0)
     * @return null when an interval cannot be computed (a mean of fewer than two answers on either side)
     */
    public static Change between(Sample before, Sample after, String healthier) {
        double change = after.value() - before.value();
        Range interval;
        String method;
        if (before instanceof Published || after instanceof Published) {
            if (before.interval() == null || after.interval() == null) {
                return null;
            }
            interval = mover(change, after, before);
            method = "mover";
        } else if (before instanceof Share b && after instanceof Share a) {
            Range difference = Intervals.newcombeDifference(a.n(), a.hits(), (double) b.hits() / b.n(), b.n(),
                    ProfileCalculator.ERROR_RATE);
            interval = new Range(difference.lower() * 100, difference.upper() * 100);
            method = "newcombe";
        } else if (before instanceof Mean b && after instanceof Mean a) {
            if (a.n() < 2 || b.n() < 2) {
                return null;
            }
            if (a.variance() > 0 && b.variance() > 0) {
                interval = welch(a, b);
                method = "welch";
            } else {
                interval = mover(change, a, b);
                method = "mover";
            }
        } else {
            throw new IllegalArgumentException("samples of different kinds: " + before + ", " + after);
        }
        return new Change(change, interval, verdict(interval, healthier), method);
    }

    /** Welch's t interval of mean_a − mean_b, each with its own variance; Welch–Satterthwaite degrees of freedom. */
    static Range welch(Mean a, Mean b) {
        double standardError = Math.sqrt(a.variance() / a.n() + b.variance() / b.n());
        double df = Intervals.welchDegreesOfFreedom(a.variance(), a.n(), b.variance(), b.n());
        double t = TDistribution.of(df).inverseSurvivalProbability(ProfileCalculator.ERROR_RATE / 2);
        double difference = a.mean() - b.mean();
        return new Range(difference - t * standardError, difference + t * standardError);
    }

    /**
     * The method of variance estimates recovered (Zou &amp; Donner 2008) from the two rounds' own intervals: lower =
     * d − √((a − l_a)² + (u_b − b)²), upper = d + √((u_a − a)² + (b − l_b)²). Newcombe's hybrid score interval is this
     * with Wilson intervals.
     */
    static Range mover(double change, Sample after, Sample before) {
        Range a = after.interval();
        Range b = before.interval();
        double lower = change - Math.hypot(after.value() - a.lower(), b.upper() - before.value());
        double upper = change + Math.hypot(a.upper() - after.value(), before.value() - b.lower());
        return new Range(lower, upper);
    }

    static Verdict verdict(Range interval, String healthier) {
        if (interval.contains(0)) {
            return Verdict.WITHIN_NOISE;
        }
        if (healthier == null) {
            return null;
        }
        return switch (Intervals.verdict(interval, "higher".equals(healthier) ? Direction.HIGHER : Direction.LOWER)) {
            case BETTER -> Verdict.IMPROVED;
            case WORSE -> Verdict.WORSENED;
            case NO_CLEAR_DIFFERENCE -> Verdict.WITHIN_NOISE;
        };
    }
}
