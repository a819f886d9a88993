package app.asynchealth.scoring.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.asynchealth.scoring.core.Intervals.Direction;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.Intervals.Verdict;

/**
 * What a team has stated beside what its members perceive: each stated norm names the question that measures the
 * perception of it, and either the answers that depart from the norm (a share of the answers) or a value the answers'
 * mean is held against (for hours of focus). The same per-figure threshold as every figure of a profile applies: a
 * norm's perception is shown only when at least the threshold of respondents answered its question (and, when a live
 * snapshot is renewed, at least the threshold of them since the last one); otherwise only the count is kept.
 */
public final class NormGaps {

    private final ScoringModel model;

    public NormGaps(ScoringModel model) {
        this.model = model;
    }

    /**
     * A norm the team stated, in the terms of a question its members answer.
     *
     * @param area the area of the report's norms it belongs to (communication-guidelines, response-expectations,
     *        meetings, focus, after-hours)
     * @param statement the norm in words, as the team stated it
     * @param perception what the perceived value measures, in words
     * @param departing for a share: the answers that depart from the norm; null for a mean
     * @param stated for a mean: the stated value the mean is held against (healthier when at least it); null for a share
     * @param context the report's figures shown beside it for context (keys of the benchmark dataset)
     */
    public record StatedNorm(String key, String area, String statement, String perception, String question,
            Set<String> departing,
            Double stated, List<String> context) {

        public StatedNorm {
            if ((departing == null) == (stated == null)) {
                throw new IllegalArgumentException("a stated norm is a share of departing answers or a stated value");
            }
        }

        public boolean isShare() {
            return departing != null;
        }
    }

    public enum Status {
        /** Answered by at least the threshold: the perception is shown. */
        AVAILABLE,
        /** Fewer answers than the threshold: only the count is shown. */
        SUPPRESSED,
        /** The assessment's template does not ask the question that measures it. */
        NOT_MEASURED
    }

    /**
     * The perception of one stated norm.
     *
     * @param value for a share, the percentage of answers that depart from the norm; for a mean, the mean answer; null
     *        unless available
     * @param interval its 95% interval (Wilson for a share, bounded t for a mean); null unless available or for one
     *        answer
     * @param difference for a mean, the mean less the stated value; its interval the team's interval less it (the
     *        stated value is exact)
     * @param verdict for a mean: better (the whole interval at or above the stated value), worse (wholly below) or no
     *        clear difference
     */
    public record NormGap(StatedNorm norm, Status status, long answered, Double value, Range interval,
            Double difference, Range differenceInterval, Verdict verdict) {
    }

    /**
     * @param newAnswers per question, its answers since the last live snapshot; null when the profile renews none
     */
    public List<NormGap> compute(Aggregates aggregates, List<StatedNorm> norms, int threshold,
            Map<String, Long> newAnswers) {
        List<NormGap> gaps = new ArrayList<>();
        for (StatedNorm norm : norms) {
            gaps.add(gap(aggregates, norm, threshold, newAnswers));
        }
        return gaps;
    }

    private NormGap gap(Aggregates aggregates, StatedNorm norm, int threshold, Map<String, Long> newAnswers) {
        ScoringModel.QuestionScoring scoring = model.questions().get(norm.question());
        boolean measured = scoring != null && (norm.isShare() ? scoring.choices() != null : scoring.linear() != null);
        if (!measured) {
            return new NormGap(norm, Status.NOT_MEASURED, 0, null, null, null, null, null);
        }
        long answered = norm.isShare() ? count(aggregates.categorical().get(norm.question()), null)
                : numeric(aggregates, norm).count();
        boolean renewable = newAnswers == null || newAnswers.getOrDefault(norm.question(), 0L) >= threshold;
        if (answered == 0 || answered < threshold || !renewable) {
            return new NormGap(norm, Status.SUPPRESSED, answered, null, null, null, null, null);
        }
        return norm.isShare() ? share(aggregates, norm, answered) : mean(aggregates, norm, answered);
    }

    private static NormGap share(Aggregates aggregates, StatedNorm norm, long answered) {
        long departing = count(aggregates.categorical().get(norm.question()), norm.departing());
        Range wilson = Intervals.wilson(answered, departing, ProfileCalculator.ERROR_RATE);
        return new NormGap(norm, Status.AVAILABLE, answered, 100.0 * departing / answered,
                new Range(wilson.lower() * 100, wilson.upper() * 100), null, null, null);
    }

    private NormGap mean(Aggregates aggregates, StatedNorm norm, long answered) {
        Aggregates.NumericStats stats = numeric(aggregates, norm);
        double mean = stats.sum().doubleValue() / answered;
        double difference = mean - norm.stated();
        if (answered < 2) {
            return new NormGap(norm, Status.AVAILABLE, answered, mean, null, difference, null, null);
        }
        List<Double> range = range(norm.question());
        Range interval = new MetricSample.Mean(answered, mean, Aggregates.sampleVariance(stats),
                Math.min(range.get(0), mean), Math.max(range.get(1), mean)).interval();
        Range differenceInterval = new Range(interval.lower() - norm.stated(), interval.upper() - norm.stated());
        return new NormGap(norm, Status.AVAILABLE, answered, mean, interval, difference, differenceInterval,
                Intervals.verdict(differenceInterval, Direction.HIGHER));
    }

    /** The values the question allows, from the model's mean metric of it; without one, its linear scale's ends. */
    private List<Double> range(String question) {
        return model.metrics().stream()
                .filter(metric -> "mean".equals(metric.kind()) && metric.question().equals(question)
                        && metric.range() != null)
                .map(ScoringModel.MetricDefinition::range).findFirst()
                .orElseGet(() -> {
                    ScoringModel.Linear linear = model.questions().get(question).linear();
                    return List.of(Math.min(linear.zeroAt(), linear.fullAt()), Math.max(linear.zeroAt(), linear.fullAt()));
                });
    }

    private static Aggregates.NumericStats numeric(Aggregates aggregates, StatedNorm norm) {
        Aggregates.NumericStats stats = aggregates.numeric().get(norm.question());
        return stats != null ? stats
                : new Aggregates.NumericStats(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** Answers counted: all of them, or those among {@code only}. */
    private static long count(Map<String, Long> counts, Set<String> only) {
        if (counts == null) {
            return 0;
        }
        return counts.entrySet().stream().filter(count -> only == null || only.contains(count.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
