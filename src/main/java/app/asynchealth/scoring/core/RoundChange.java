package app.asynchealth.scoring.core;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.commons.statistics.distribution.TDistribution;

import app.asynchealth.scoring.core.Aggregates.NumericStats;
import app.asynchealth.scoring.core.Intervals.Direction;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;

/**
 * How one metric changed between two closed rounds of a team (the round an action was adopted from, and the round that
 * measures it): each round's sample of the metric, taken from its aggregates exactly as {@link ProfileCalculator} takes
 * it, and the 95% interval of the difference of the two independent samples. Plain Java, pure functions.
 *
 * <p>Shares (in percent): Newcombe's hybrid score interval of p_after − p_before. Means: Welch's t interval with both
 * samples' own variances; when either sample shows no spread (every answer the same), the spread is unknown rather
 * than zero, so the difference interval is built like Newcombe's from the two rounds' conservative intervals (MOVER,
 * Zou &amp; Donner 2008), which is what the profile shows for such a mean too.
 */
public final class RoundChange {

    static final double ERROR_RATE = 0.05;

    private RoundChange() {
    }

    /** One round's sample of a metric, with the value and interval the profile shows for it. */
    public sealed interface Sample permits Share, Mean, Published {

        /** Answers the metric stands on (for a share of a part of the answers, of that part). */
        long n();

        double value();

        /** The value's 95% interval; null when there is none (a mean of fewer than two answers). */
        Range interval();
    }

    /** hits of n, shown in percent. */
    public record Share(long n, long hits) implements Sample {

        @Override
        public double value() {
            return 100.0 * hits / n;
        }

        @Override
        public Range interval() {
            Range wilson = Intervals.wilson(n, hits, ERROR_RATE);
            return new Range(wilson.lower() * 100, wilson.upper() * 100);
        }
    }

    /** A mean of n values bounded in [min, max], with the sample variance. */
    public record Mean(long n, double mean, double variance, double min, double max) implements Sample {

        @Override
        public double value() {
            return mean;
        }

        @Override
        public Range interval() {
            if (n < 2) {
                return null;
            }
            return variance == 0 ? Intervals.boundedMeanWithoutSpread(mean, n, min, max, ERROR_RATE)
                    : Intervals.boundedMean(mean, variance, n, min, max, ERROR_RATE);
        }
    }

    /**
     * A figure as a profile published it, when the round's aggregates are not the ones it stands on (a final profile
     * that is a live snapshot, which left out the last few responses so that they stay anonymous): its value and
     * interval, as shown (rounded to 0.1).
     */
    public record Published(long n, double value, Range interval) implements Sample {
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
     * The metric's sample in a round's aggregates, or null when nobody answered its question (then the round has no
     * figure to compare). Whether it may be shown (the anonymity threshold) is the caller's decision.
     */
    public static Sample sample(MetricDefinition metric, Aggregates aggregates) {
        return switch (metric.kind()) {
            case "share" -> share(metric, aggregates.categorical().get(metric.question()));
            case "share-below" -> {
                NumericStats stats = aggregates.numeric().get(metric.question());
                yield stats == null || stats.count() == 0 ? null : new Share(stats.count(), stats.below());
            }
            case "mean" -> mean(metric, aggregates.numeric().get(metric.question()));
            default -> throw new IllegalArgumentException("unknown metric kind " + metric.kind());
        };
    }

    /** As {@link ProfileCalculator}'s share: the answers in {@code of} (all by default), hits among {@code values} or ≥ atLeast. */
    private static Sample share(MetricDefinition metric, Map<String, Long> counts) {
        if (counts == null) {
            return null;
        }
        long n = 0;
        long hits = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            if (metric.of() != null && !metric.of().contains(count.getKey())) {
                continue;
            }
            n += count.getValue();
            boolean hit = metric.atLeast() != null ? Integer.parseInt(count.getKey()) >= metric.atLeast()
                    : metric.values().contains(count.getKey());
            hits += hit ? count.getValue() : 0;
        }
        return n == 0 ? null : new Share(n, hits);
    }

    /** As {@link ProfileCalculator}'s mean: exact sums, sample variance, bounded by the question's range (or the mean). */
    private static Sample mean(MetricDefinition metric, NumericStats stats) {
        if (stats == null || stats.count() == 0) {
            return null;
        }
        long n = stats.count();
        double mean = stats.sum().doubleValue() / n;
        double variance = 0;
        if (n >= 2) {
            BigDecimal centred = stats.sumOfSquares()
                    .subtract(stats.sum().multiply(stats.sum()).divide(BigDecimal.valueOf(n), Aggregates.PRECISION));
            variance = Math.max(0, centred.doubleValue() / (n - 1));
        }
        return new Mean(n, mean, variance, Math.min(metric.range().get(0), mean), Math.max(metric.range().get(1), mean));
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
                    ERROR_RATE);
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
        double t = TDistribution.of(df).inverseSurvivalProbability(ERROR_RATE / 2);
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
