package app.asynchealth.scoring.core;

import java.util.Map;

import app.asynchealth.scoring.core.Aggregates.NumericStats;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;

/**
 * A metric's sample in one set of responses, taken from their aggregates: the one definition the profile's metrics
 * ({@link ProfileCalculator}) and the change between two rounds ({@link RoundChange}) both use, so that they cannot
 * drift apart. Plain Java, pure functions.
 */
public final class MetricSample {

    private MetricSample() {
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
            Range wilson = Intervals.wilson(n, hits, ProfileCalculator.ERROR_RATE);
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
            return variance == 0 ? Intervals.boundedMeanWithoutSpread(mean, n, min, max, ProfileCalculator.ERROR_RATE)
                    : Intervals.boundedMean(mean, variance, n, min, max, ProfileCalculator.ERROR_RATE);
        }
    }

    /**
     * A figure as a profile published it, when the round's aggregates are not the ones it stands on (a final profile
     * that is a live snapshot, which left out the last few responses so that they stay anonymous): its value and
     * interval, as shown (rounded to 0.1).
     */
    public record Published(long n, double value, Range interval) implements Sample {
    }

    /**
     * The metric's sample in a round's aggregates, or null when nobody answered its question (then the round has no
     * figure to compare). Whether it may be shown (the anonymity threshold) is the caller's decision.
     */
    public static Sample of(MetricDefinition metric, Aggregates aggregates) {
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

    /** The answers in {@code of} (all by default), hits among {@code values} or ≥ atLeast. */
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

    /** Exact sums, sample variance, bounded by the question's range (or the mean). */
    private static Sample mean(MetricDefinition metric, NumericStats stats) {
        if (stats == null || stats.count() == 0) {
            return null;
        }
        long n = stats.count();
        double mean = stats.sum().doubleValue() / n;
        double variance = Aggregates.sampleVariance(stats);
        return new Mean(n, mean, variance, Math.min(metric.range().get(0), mean), Math.max(metric.range().get(1), mean));
    }
}
