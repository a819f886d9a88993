package app.asynchealth.scoring.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;
import org.apache.commons.statistics.interval.NormalConfidenceInterval;

import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;
import app.asynchealth.scoring.core.ScoringModel.QuestionScoring;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/**
 * Scores a set of submitted responses. Plain Java, no framework: answers in, profile out.
 *
 * <p>Each answer scores 0-100 by the model; a question's score is the mean over the respondents who answered it; a
 * dimension's score is the mean of its answered questions' scores; the overall score is the mean of the dimension
 * scores. Means are taken over sorted values, so the order of responses never changes a result, not even in the last
 * bit of a double.
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
     */
    public TeamProfile compute(List<Map<String, Answer>> respondents, Set<String> segments) {
        Map<String, List<Double>> questionScores = new LinkedHashMap<>();
        model.questions().keySet().forEach(question -> questionScores.put(question, new ArrayList<>()));
        for (Map<String, Answer> answers : respondents) {
            answers.forEach((question, answer) -> {
                QuestionScoring scoring = model.questions().get(question);
                if (scoring != null) {
                    Double score = score(scoring, answer);
                    if (score != null) {
                        questionScores.get(question).add(score);
                    }
                }
            });
        }
        List<DimensionResult> dimensions = new ArrayList<>();
        List<Double> dimensionScores = new ArrayList<>();
        for (String dimension : model.dimensions().keySet()) {
            List<Double> means = new ArrayList<>();
            model.questions().forEach((question, scoring) -> {
                List<Double> scores = questionScores.get(question);
                if (dimension.equals(scoring.dimension()) && !scores.isEmpty()) {
                    means.add(mean(scores));
                }
            });
            List<MetricResult> metrics = metrics(dimension, respondents, segments);
            if (means.isEmpty()) {
                dimensions.add(new DimensionResult(dimension, null, null, null, null, metrics));
                continue;
            }
            double score = mean(means);
            dimensionScores.add(score);
            int level = model.levelFor(score).level();
            dimensions.add(new DimensionResult(dimension, score, level, model.levelName(level),
                    model.nextLevel(dimension, level).orElse(null), metrics));
        }
        if (dimensionScores.isEmpty()) {
            return new TeamProfile(respondents.size(), null, null, null, dimensions);
        }
        double overall = mean(dimensionScores);
        int level = model.levelFor(overall).level();
        return new TeamProfile(respondents.size(), overall, level, model.levelName(level), dimensions);
    }

    /** An answer's score 0-100, or null when the model does not score that answer. */
    static Double score(QuestionScoring scoring, Answer answer) {
        if (scoring.choices() != null) {
            return answer.choice() == null ? null : scoring.choices().get(answer.choice());
        }
        if (answer.number() == null) {
            return null;
        }
        double value = answer.number().doubleValue();
        if (Boolean.TRUE.equals(scoring.likert())) {
            return clamp((value - 1) / 4) * 100;
        }
        if (scoring.linear() != null) {
            return clamp((value - scoring.linear().zeroAt()) / (scoring.linear().fullAt() - scoring.linear().zeroAt())) * 100;
        }
        return null;
    }

    private List<MetricResult> metrics(String dimension, List<Map<String, Answer>> respondents, Set<String> segments) {
        List<MetricResult> results = new ArrayList<>();
        for (MetricDefinition metric : model.metrics()) {
            if (!metric.dimension().equals(dimension)) {
                continue;
            }
            List<Answer> answers = respondents.stream().map(answersOf -> answersOf.get(metric.question()))
                    .filter(answer -> answer != null).toList();
            if (answers.isEmpty()) {
                continue;
            }
            Benchmark benchmark = benchmarks.apply(benchmarkKey(metric, segments));
            results.add("mean".equals(metric.kind()) ? meanMetric(metric, answers, benchmark)
                    : shareMetric(metric, answers, benchmark));
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

    private static MetricResult shareMetric(MetricDefinition metric, List<Answer> answers, Benchmark benchmark) {
        int n = answers.size();
        int hits = (int) answers.stream().filter(answer -> counts(metric, answer)).count();
        double value = 100.0 * hits / n;
        Interval interval = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, hits, ERROR_RATE);
        return result(metric, value, interval.getLowerBound() * 100, interval.getUpperBound() * 100, n, benchmark);
    }

    private static boolean counts(MetricDefinition metric, Answer answer) {
        return switch (metric.kind()) {
            case "share-below" -> answer.number() != null && answer.number().doubleValue() < metric.below();
            case "share" -> metric.atLeast() != null
                    ? answer.number() != null && answer.number().compareTo(BigDecimal.valueOf(metric.atLeast())) >= 0
                    : answer.choice() != null && metric.values().contains(answer.choice());
            default -> throw new IllegalStateException("unknown metric kind " + metric.kind());
        };
    }

    private static MetricResult meanMetric(MetricDefinition metric, List<Answer> answers, Benchmark benchmark) {
        double[] values = answers.stream().filter(answer -> answer.number() != null)
                .mapToDouble(answer -> answer.number().doubleValue()).sorted().toArray();
        int n = values.length;
        double mean = Arrays.stream(values).sum() / n;
        if (n < 2) {
            return result(metric, mean, null, null, n, benchmark);
        }
        double squares = Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sorted().sum();
        Interval interval = NormalConfidenceInterval.MEAN.fromErrorRate(mean, squares / (n - 1), n, ERROR_RATE);
        return result(metric, mean, interval.getLowerBound(), interval.getUpperBound(), n, benchmark);
    }

    private static MetricResult result(MetricDefinition metric, double value, Double lower, Double upper, int n,
            Benchmark benchmark) {
        boolean within = lower != null && benchmark.value() >= lower && benchmark.value() <= upper;
        return new MetricResult(metric.key(), metric.label(), metric.kind(), value, lower, upper, n, benchmark,
                value - benchmark.value(), within, metric.healthier());
    }

    private static double mean(List<Double> values) {
        return values.stream().sorted().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
