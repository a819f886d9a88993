package app.asynchealth.scoring.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.scoring.core.Aggregates.NumericStats;
import app.asynchealth.scoring.core.Intervals.Direction;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.ScoringModel.BenchmarkChoice;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;
import app.asynchealth.scoring.core.ScoringModel.QuestionScoring;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.LevelReading;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;
import app.asynchealth.scoring.core.TeamProfile.QuestionResult;
import app.asynchealth.scoring.core.TeamProfile.Segment;

/**
 * Scores a set of submitted responses. Plain Java, no framework: aggregates in, profile out. docs/scoring.md states
 * the method; this class is it.
 *
 * <p>Each answer scores 0-100 by the model; a question's score is the mean over the respondents who answered it; a
 * dimension's score is the mean of its published questions' scores; the overall score is the mean of the published
 * dimension scores. Everything is computed from exact sums and counts ({@link Aggregates}), so the order of responses
 * never changes a result, and the database can aggregate large volumes with the same definitions. Levels come from the
 * unrounded scores, and say which levels the score's 95% interval reaches.
 *
 * <p>Metrics are compared only with a figure of the report that measures the same thing for the same population: the
 * team's segment is chosen from its respondents' own answers, else from the tenant's settings; with no such figure the
 * metric stands alone. A comparison accounts for both samples where the report gives its size, and ends in a verdict.
 *
 * <p>The per-figure threshold: questions are optional, so counting respondents is not enough. A question is published
 * only when at least {@code threshold} respondents answered it, and only published questions enter a dimension score;
 * a metric is published only when at least {@code threshold} answered its question. A suppressed figure keeps its
 * count and nothing else, so no shown number rests on fewer answers than the threshold, not even inside a mean.
 */
public final class ProfileCalculator {

    static final double ERROR_RATE = 0.05;

    private final ScoringModel model;
    private final Function<String, Benchmark> benchmarks;

    public ProfileCalculator(ScoringModel model, Function<String, Benchmark> benchmarks) {
        this.model = model;
        this.benchmarks = benchmarks;
    }

    /**
     * @param respondents each respondent's answers by question key
     * @param tenantSegments the tenant's settings, e.g. "companySize:LARGE", "workingStyle:IN_OFFICE"
     * @param threshold the assessment's anonymity threshold: the fewest answers a figure may stand on
     */
    public TeamProfile compute(List<Map<String, Answer>> respondents, Set<String> tenantSegments, int threshold) {
        return compute(Aggregates.of(respondents, model), tenantSegments, threshold);
    }

    public TeamProfile compute(Aggregates aggregates, Set<String> tenantSegments, int threshold) {
        return compute(aggregates, tenantSegments, threshold, null);
    }

    /**
     * A profile that renews an earlier one (a live snapshot): a question is published only if, besides the threshold
     * of answers in all, at least the threshold of its answers are new since then, so that the difference between two
     * published figures of a question never rests on fewer answers than the threshold.
     *
     * @param newAnswers per question, its answers in responses submitted since the earlier profile; null when there is
     *        none
     */
    public TeamProfile compute(Aggregates aggregates, Set<String> tenantSegments, int threshold,
            Map<String, Long> newAnswers) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        Predicate<String> renewable = question -> newAnswers == null || newAnswers.getOrDefault(question, 0L) >= threshold;
        List<Segment> segments = segments(aggregates, tenantSegments, threshold, renewable);
        List<DimensionResult> dimensions = new ArrayList<>();
        List<Double> dimensionScores = new ArrayList<>();
        List<Double> dimensionErrors = new ArrayList<>();
        long fewestAnswers = Long.MAX_VALUE;
        for (String dimension : model.dimensions().keySet()) {
            List<QuestionResult> questions = new ArrayList<>();
            model.questions().forEach((question, scoring) -> {
                if (dimension.equals(scoring.dimension())) {
                    questions.add(question(question, scoring, aggregates, threshold, renewable));
                }
            });
            List<MetricResult> metrics = metrics(dimension, aggregates, segments, threshold, renewable);
            List<QuestionResult> published = questions.stream().filter(QuestionResult::published).toList();
            if (published.isEmpty()) {
                dimensions.add(new DimensionResult(dimension, null, null, null, null, questions, metrics));
                continue;
            }
            double score = mean(published.stream().map(QuestionResult::score).toList());
            double error = standardError(published);
            long answers = published.stream().mapToLong(QuestionResult::answered).min().orElseThrow();
            fewestAnswers = Math.min(fewestAnswers, answers);
            Range interval = scoreInterval(score, error, answers);
            LevelReading levels = levels(score, interval);
            dimensionScores.add(score);
            dimensionErrors.add(error);
            dimensions.add(new DimensionResult(dimension, score, interval, levels,
                    model.nextLevel(dimension, levels.level()).orElse(null), questions, metrics));
        }
        if (dimensionScores.isEmpty()) {
            return new TeamProfile(model.version(), aggregates.respondents(), threshold, segments, null, null, null,
                    dimensions);
        }
        double overall = mean(dimensionScores);
        Range interval = scoreInterval(overall, Intervals.conservativeStandardError(
                dimensionErrors.stream().mapToDouble(Double::doubleValue).toArray()), fewestAnswers);
        return new TeamProfile(model.version(), aggregates.respondents(), threshold, segments, overall, interval,
                levels(overall, interval), dimensions);
    }

    /**
     * The segments the team belongs to. Its respondents' own answers decide where enough of them answered the
     * segment's question (more than half in the segment); the tenant's settings decide otherwise. The basis says which.
     */
    List<Segment> segments(Aggregates aggregates, Set<String> tenantSegments, int threshold,
            Predicate<String> renewable) {
        List<Segment> found = new ArrayList<>();
        model.segments().forEach((key, rule) -> {
            if (rule.question() != null) {
                Map<String, Long> counts = aggregates.categorical().getOrDefault(rule.question(), Map.of());
                long answered = counts.values().stream().mapToLong(Long::longValue).sum();
                if (answered >= threshold && answered > 0 && renewable.test(rule.question())) {
                    long in = rule.values().stream().mapToLong(value -> counts.getOrDefault(value, 0L)).sum();
                    if (2 * in > answered) {
                        found.add(new Segment(key, rule.population(), in + " of " + answered + " respondents "
                                + rule.describes()));
                    }
                    return; // the team's own answers decide; the tenant's setting is only a fallback
                }
            }
            if (rule.tenant() != null && tenantSegments.contains(rule.tenant())) {
                found.add(new Segment(key, rule.population(), "the tenant's setting: " + rule.describes()));
            }
        });
        return found;
    }

    /** A question with its count; its score and standard error only when it is published. */
    static QuestionResult question(String question, QuestionScoring scoring, Aggregates aggregates, int threshold,
            Predicate<String> renewable) {
        long answered;
        BigDecimal sum;
        BigDecimal squares;
        if (scoring.linear() != null) {
            NumericStats stats = aggregates.numeric().get(question);
            answered = stats == null ? 0 : stats.count();
            sum = stats == null ? BigDecimal.ZERO : stats.scoreSum();
            squares = stats == null ? BigDecimal.ZERO : stats.scoreSumOfSquares();
        } else {
            answered = 0;
            sum = BigDecimal.ZERO;
            squares = BigDecimal.ZERO;
            for (Map.Entry<String, Long> count : aggregates.categorical().getOrDefault(question, Map.of()).entrySet()) {
                Double score = categoricalScore(scoring, count.getKey());
                if (score != null) {
                    BigDecimal value = BigDecimal.valueOf(score);
                    BigDecimal times = BigDecimal.valueOf(count.getValue());
                    sum = sum.add(value.multiply(times));
                    squares = squares.add(value.multiply(value).multiply(times));
                    answered += count.getValue();
                }
            }
        }
        boolean published = answered > 0 && answered >= threshold && renewable.test(question);
        if (!published) {
            return new QuestionResult(question, answered, null, null);
        }
        double variance = Aggregates.sampleVariance(sum, squares, answered);
        return new QuestionResult(question, answered, sum.doubleValue() / answered,
                answered < 2 ? null : Math.sqrt(variance / answered));
    }

    private static Double categoricalScore(QuestionScoring scoring, String value) {
        if (scoring.choices() != null) {
            return scoring.choices().get(value);
        }
        int point = Integer.parseInt(value);
        return (point - 1) * 25.0; // a 1-5 scale: 1 → 0, 5 → 100
    }

    /** The dimension's standard error: its questions' may be correlated (same people), so the conservative bound. */
    private static double standardError(List<QuestionResult> published) {
        return Intervals.conservativeStandardError(published.stream()
                .mapToDouble(question -> question.standardError() == null ? 0 : question.standardError()).toArray());
    }

    /**
     * A 0-100 score's interval from its standard error, with the degrees of freedom of its fewest answers; when the
     * answers show no spread at all, the conservative interval of a bounded mean without spread.
     */
    private static Range scoreInterval(double score, double standardError, long answers) {
        if (answers < 2) {
            return null;
        }
        if (standardError == 0) {
            return Intervals.boundedMeanWithoutSpread(score, answers, 0, 100, ERROR_RATE);
        }
        return Intervals.boundedMean(score, standardError * standardError * answers, answers, 0, 100, ERROR_RATE);
    }

    /** The level of the unrounded score, and the levels its interval reaches. */
    private LevelReading levels(double score, Range interval) {
        int level = model.levelFor(score).level();
        int lowest = interval == null ? level : Math.min(level, model.levelFor(interval.lower()).level());
        int highest = interval == null ? level : Math.max(level, model.levelFor(interval.upper()).level());
        return new LevelReading(level, model.levelName(level), lowest, highest);
    }

    private List<MetricResult> metrics(String dimension, Aggregates aggregates, List<Segment> segments, int threshold,
            Predicate<String> renewable) {
        List<MetricResult> results = new ArrayList<>();
        for (MetricDefinition metric : model.metrics()) {
            if (!metric.dimension().equals(dimension)) {
                continue;
            }
            Comparison comparison = comparison(metric, segments);
            MetricResult result = switch (metric.kind()) {
                case "mean" -> meanMetric(metric, aggregates, comparison);
                case "share-below" -> belowMetric(metric, aggregates.numeric().get(metric.question()), comparison);
                case "share" -> shareMetric(metric, aggregates, comparison);
                default -> throw new IllegalStateException("unknown metric kind " + metric.kind());
            };
            // Every metric is listed; one that too few answered keeps its count and the report's figure only.
            boolean published = result.answered() > 0 && result.answered() >= threshold
                    && renewable.test(metric.question());
            results.add(published ? result : suppressed(metric, result.answered(), comparison));
        }
        return results;
    }

    /** The like-for-like figure for the team, if any, the segment that chose it, and the context figures. */
    private record Comparison(Benchmark benchmark, String segment, List<Benchmark> context) {
    }

    private Comparison comparison(MetricDefinition metric, List<Segment> segments) {
        List<Benchmark> context = metric.context() == null ? List.of()
                : metric.context().stream().map(benchmarks).toList();
        for (BenchmarkChoice choice : metric.benchmarks()) {
            if (choice.segment() == null
                    || segments.stream().anyMatch(segment -> segment.key().equals(choice.segment()))) {
                return new Comparison(benchmarks.apply(choice.figure()), choice.segment(), context);
            }
        }
        return new Comparison(null, null, context);
    }

    private static MetricResult shareMetric(MetricDefinition metric, Aggregates aggregates, Comparison comparison) {
        return MetricSample.of(metric, aggregates) instanceof MetricSample.Share sample
                ? share(metric, sample.n(), sample.hits(), comparison) : suppressed(metric, 0, comparison);
    }

    private static MetricResult belowMetric(MetricDefinition metric, NumericStats stats, Comparison comparison) {
        return stats == null || stats.count() == 0 ? suppressed(metric, 0, comparison)
                : share(metric, stats.count(), stats.below(), comparison);
    }

    private static MetricResult share(MetricDefinition metric, long n, long hits, Comparison comparison) {
        Range wilson = Intervals.wilson(n, hits, ERROR_RATE);
        Range interval = new Range(wilson.lower() * 100, wilson.upper() * 100);
        double value = 100.0 * hits / n;
        Benchmark benchmark = comparison.benchmark();
        if (benchmark == null) {
            return result(metric, value, interval, n, comparison, null, null);
        }
        if (benchmark.sampleSize() != null) {
            Range difference = Intervals.newcombeDifference(n, hits, benchmark.value() / 100, benchmark.sampleSize(),
                    ERROR_RATE);
            return result(metric, value, interval, n, comparison,
                    new Range(difference.lower() * 100, difference.upper() * 100), "newcombe");
        }
        return result(metric, value, interval, n, comparison, shifted(interval, benchmark), "team-interval");
    }

    private static MetricResult meanMetric(MetricDefinition metric, Aggregates aggregates, Comparison comparison) {
        if (!(MetricSample.of(metric, aggregates) instanceof MetricSample.Mean sample)) {
            return suppressed(metric, 0, comparison);
        }
        long n = sample.n();
        double mean = sample.mean();
        if (n < 2) {
            return result(metric, mean, null, n, comparison, null, null);
        }
        double variance = sample.variance();
        // The question's range bounds the interval (a mean outside it, from answers the template no longer allows,
        // widens it); answers without spread say nothing of the spread: a conservative interval, and no Welch.
        Range interval = sample.interval();
        Benchmark benchmark = comparison.benchmark();
        if (benchmark == null) {
            return result(metric, mean, interval, n, comparison, null, null);
        }
        if (benchmark.sampleSize() != null && variance > 0) {
            return result(metric, mean, interval, n, comparison,
                    Intervals.meanDifference(mean, variance, n, benchmark.value(), benchmark.sampleSize(), ERROR_RATE),
                    "welch");
        }
        return result(metric, mean, interval, n, comparison, shifted(interval, benchmark), "team-interval");
    }

    /** The team's interval less the figure: the comparison when the report does not give the figure's sample size. */
    private static Range shifted(Range interval, Benchmark benchmark) {
        return new Range(interval.lower() - benchmark.value(), interval.upper() - benchmark.value());
    }

    private static MetricResult result(MetricDefinition metric, double value, Range interval, long n,
            Comparison comparison, Range difference, String method) {
        Benchmark benchmark = comparison.benchmark();
        Intervals.Verdict verdict = benchmark == null || difference == null || metric.healthier() == null ? null
                : Intervals.verdict(difference, "higher".equals(metric.healthier()) ? Direction.HIGHER : Direction.LOWER);
        return new MetricResult(metric.key(), metric.label(), metric.kind(), value, interval, (int) n, benchmark,
                comparison.segment(), benchmark == null ? null : value - benchmark.value(), difference, method, verdict,
                metric.healthier(), comparison.context());
    }

    private static MetricResult suppressed(MetricDefinition metric, long answered, Comparison comparison) {
        return new MetricResult(metric.key(), metric.label(), metric.kind(), null, null, (int) answered,
                comparison.benchmark(), comparison.segment(), null, null, null, null, metric.healthier(),
                comparison.context());
    }

    private static double mean(List<Double> values) {
        return values.stream().sorted().mapToDouble(Double::doubleValue).sum() / values.size();
    }
}
