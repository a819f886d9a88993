package app.asynchealth.scoring.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;
import org.apache.commons.statistics.interval.NormalConfidenceInterval;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.scoring.core.Aggregates.NumericStats;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;
import app.asynchealth.scoring.core.ScoringModel.QuestionScoring;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;
import app.asynchealth.scoring.core.TeamProfile.QuestionResult;

/**
 * Scores a set of submitted responses. Plain Java, no framework: aggregates in, profile out.
 *
 * <p>Each answer scores 0-100 by the model; a question's score is the mean over the respondents who answered it; a
 * dimension's score is the mean of its published questions' scores; the overall score is the mean of the published
 * dimension scores. Everything is computed from exact sums and counts ({@link Aggregates}), so the order of responses
 * never changes a result, and the database can aggregate large volumes with the same definitions.
 *
 * <p>The per-figure threshold: questions are optional, so counting respondents is not enough. A question is published
 * only when at least {@code threshold} respondents answered it, and only published questions enter a dimension score;
 * a metric is published only when at least {@code threshold} answered its question. A suppressed figure keeps its
 * count and nothing else, so no shown number rests on fewer answers than the threshold, not even inside a mean.
 */
public final class ProfileCalculator {

    private static final double ERROR_RATE = 0.05;

    private final ScoringModel model;
    private final Function<String, Benchmark> benchmarks;

    public ProfileCalculator(ScoringModel model, Function<String, Benchmark> benchmarks) {
        this.model = model;
        this.benchmarks = benchmarks;
    }

    /**
     * @param respondents each respondent's answers by question key
     * @param segments the tenant's segments, e.g. "companySize:LARGE", "workingStyle:IN_OFFICE"
     * @param threshold the assessment's anonymity threshold: the fewest answers a figure may stand on
     */
    public TeamProfile compute(List<Map<String, Answer>> respondents, Set<String> segments, int threshold) {
        return compute(Aggregates.of(respondents, model), segments, threshold);
    }

    public TeamProfile compute(Aggregates aggregates, Set<String> segments, int threshold) {
        return compute(aggregates, segments, threshold, null);
    }

    /**
     * A profile that renews an earlier one (a live snapshot): a question is published only if, besides the threshold
     * of answers in all, at least the threshold of its answers are new since then, so that the difference between two
     * published figures of a question never rests on fewer answers than the threshold.
     *
     * @param newAnswers per question, its answers in responses submitted since the earlier profile; null when there is
     *        none
     */
    public TeamProfile compute(Aggregates aggregates, Set<String> segments, int threshold, Map<String, Long> newAnswers) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        Predicate<String> renewable = question -> newAnswers == null || newAnswers.getOrDefault(question, 0L) >= threshold;
        List<DimensionResult> dimensions = new ArrayList<>();
        List<Double> dimensionScores = new ArrayList<>();
        for (String dimension : model.dimensions().keySet()) {
            List<QuestionResult> questions = new ArrayList<>();
            List<Double> questionScores = new ArrayList<>();
            model.questions().forEach((question, scoring) -> {
                if (dimension.equals(scoring.dimension())) {
                    QuestionResult result = question(question, scoring, aggregates, threshold, renewable);
                    questions.add(result);
                    if (result.published()) {
                        questionScores.add(result.score());
                    }
                }
            });
            List<MetricResult> metrics = metrics(dimension, aggregates, segments, threshold, renewable);
            if (questionScores.isEmpty()) {
                dimensions.add(new DimensionResult(dimension, null, null, null, null, questions, metrics));
                continue;
            }
            double score = mean(questionScores);
            dimensionScores.add(score);
            int level = model.levelFor(score).level();
            dimensions.add(new DimensionResult(dimension, score, level, model.levelName(level),
                    model.nextLevel(dimension, level).orElse(null), questions, metrics));
        }
        if (dimensionScores.isEmpty()) {
            return new TeamProfile(aggregates.respondents(), threshold, null, null, null, dimensions);
        }
        double overall = mean(dimensionScores);
        int level = model.levelFor(overall).level();
        return new TeamProfile(aggregates.respondents(), threshold, overall, level, model.levelName(level), dimensions);
    }

    /** A question with its count; its score only when it is published. */
    static QuestionResult question(String question, QuestionScoring scoring, Aggregates aggregates, int threshold,
            Predicate<String> renewable) {
        long answered;
        BigDecimal sum;
        if (scoring.linear() != null) {
            NumericStats stats = aggregates.numeric().get(question);
            answered = stats == null ? 0 : stats.count();
            sum = stats == null ? BigDecimal.ZERO : stats.scoreSum();
        } else {
            answered = 0;
            sum = BigDecimal.ZERO;
            for (Map.Entry<String, Long> count : aggregates.categorical().getOrDefault(question, Map.of()).entrySet()) {
                Double score = categoricalScore(scoring, count.getKey());
                if (score != null) {
                    sum = sum.add(BigDecimal.valueOf(score).multiply(BigDecimal.valueOf(count.getValue())));
                    answered += count.getValue();
                }
            }
        }
        boolean published = answered > 0 && answered >= threshold && renewable.test(question);
        return new QuestionResult(question, answered, published ? sum.doubleValue() / answered : null);
    }

    private static Double categoricalScore(QuestionScoring scoring, String value) {
        if (scoring.choices() != null) {
            return scoring.choices().get(value);
        }
        int point = Integer.parseInt(value);
        return (point - 1) * 25.0; // a 1-5 scale: 1 → 0, 5 → 100
    }

    private List<MetricResult> metrics(String dimension, Aggregates aggregates, Set<String> segments, int threshold,
            Predicate<String> renewable) {
        List<MetricResult> results = new ArrayList<>();
        for (MetricDefinition metric : model.metrics()) {
            if (!metric.dimension().equals(dimension)) {
                continue;
            }
            Benchmark benchmark = benchmarks.apply(benchmarkKey(metric, segments));
            MetricResult result = switch (metric.kind()) {
                case "mean" -> meanMetric(metric, aggregates.numeric().get(metric.question()), benchmark);
                case "share-below" -> belowMetric(metric, aggregates.numeric().get(metric.question()), benchmark);
                case "share" -> shareMetric(metric, aggregates.categorical().get(metric.question()), benchmark);
                default -> throw new IllegalStateException("unknown metric kind " + metric.kind());
            };
            // Every metric is listed; one that too few answered keeps its count and the report's figure only.
            boolean published = result.answered() > 0 && result.answered() >= threshold
                    && renewable.test(metric.question());
            results.add(published ? result : suppressed(metric, result.answered(), benchmark));
        }
        return results;
    }

    private static String benchmarkKey(MetricDefinition metric, Set<String> segments) {
        if (metric.segments() != null) {
            for (Map.Entry<String, String> segment : metric.segments().entrySet()) {
                if (segments.contains(segment.getKey())) {
                    return segment.getValue();
                }
            }
        }
        return metric.benchmark();
    }

    private static MetricResult shareMetric(MetricDefinition metric, Map<String, Long> counts, Benchmark benchmark) {
        if (counts == null) {
            return suppressed(metric, 0, benchmark);
        }
        long n = 0;
        long hits = 0;
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            n += count.getValue();
            boolean hit = metric.atLeast() != null ? Integer.parseInt(count.getKey()) >= metric.atLeast()
                    : metric.values().contains(count.getKey());
            hits += hit ? count.getValue() : 0;
        }
        return n == 0 ? suppressed(metric, 0, benchmark) : share(metric, (int) n, (int) hits, benchmark);
    }

    private static MetricResult belowMetric(MetricDefinition metric, NumericStats stats, Benchmark benchmark) {
        return stats == null || stats.count() == 0 ? suppressed(metric, 0, benchmark)
                : share(metric, (int) stats.count(), (int) stats.below(), benchmark);
    }

    private static MetricResult share(MetricDefinition metric, int n, int hits, Benchmark benchmark) {
        Interval interval = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, hits, ERROR_RATE);
        return result(metric, 100.0 * hits / n, interval.getLowerBound() * 100, interval.getUpperBound() * 100, n,
                benchmark);
    }

    private static MetricResult meanMetric(MetricDefinition metric, NumericStats stats, Benchmark benchmark) {
        if (stats == null || stats.count() == 0) {
            return suppressed(metric, 0, benchmark);
        }
        long n = stats.count();
        double mean = stats.sum().doubleValue() / n;
        if (n < 2) {
            return result(metric, mean, null, null, (int) n, benchmark);
        }
        // Sample variance from exact sums: (Σx² − (Σx)²/n) / (n − 1).
        BigDecimal squares = stats.sumOfSquares().subtract(
                stats.sum().multiply(stats.sum()).divide(BigDecimal.valueOf(n), Aggregates.PRECISION));
        double variance = Math.max(0, squares.doubleValue() / (n - 1));
        Interval interval = NormalConfidenceInterval.MEAN.fromErrorRate(mean, variance, n, ERROR_RATE);
        return result(metric, mean, interval.getLowerBound(), interval.getUpperBound(), (int) n, benchmark);
    }

    private static MetricResult result(MetricDefinition metric, double value, Double lower, Double upper, int n,
            Benchmark benchmark) {
        boolean within = lower != null && benchmark.value() >= lower && benchmark.value() <= upper;
        return new MetricResult(metric.key(), metric.label(), metric.kind(), value, lower, upper, n, benchmark,
                value - benchmark.value(), within, metric.healthier());
    }

    private static MetricResult suppressed(MetricDefinition metric, int answered, Benchmark benchmark) {
        return new MetricResult(metric.key(), metric.label(), metric.kind(), null, null, null, answered, benchmark, null,
                null, metric.healthier());
    }

    private static double mean(List<Double> values) {
        return values.stream().sorted().mapToDouble(Double::doubleValue).sum() / values.size();
    }
}
