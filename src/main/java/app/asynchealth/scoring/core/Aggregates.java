package app.asynchealth.scoring.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a profile needs from a set of responses, as exact sums and counts: per categorical question (choices and
 * 1-5 scales, and the unscored questions that place a team in a report segment) the count of each answer; per number
 * question the count, sum, sum of squares, sum of scores, sum of squared scores and the count under the question's
 * threshold. The database computes the same aggregates in SQL for large volumes; here they are
 * computed from answers. Sums of decimals are exact, so the order of responses cannot change them.
 */
public record Aggregates(int respondents, Map<String, Map<String, Long>> categorical, Map<String, NumericStats> numeric) {

    static final MathContext PRECISION = MathContext.DECIMAL64;

    /** @param below the count of answers under the question's share-below threshold, if it has one */
    public record NumericStats(long count, BigDecimal sum, BigDecimal sumOfSquares, BigDecimal scoreSum,
            BigDecimal scoreSumOfSquares, long below) {
    }

    /** The aggregates of answers, for the questions the model scores or measures. */
    public static Aggregates of(List<Map<String, Answer>> responses, ScoringModel model) {
        Map<String, Map<String, Long>> categorical = new TreeMap<>();
        Map<String, NumericStats> numeric = new TreeMap<>();
        for (Map<String, Answer> answers : responses) {
            answers.forEach((question, answer) -> {
                ScoringModel.QuestionScoring scoring = model.questions().get(question);
                if (scoring == null) {
                    if (segmentQuestions(model).contains(question) && answer.choice() != null) {
                        categorical.computeIfAbsent(question, key -> new TreeMap<>()).merge(answer.choice(), 1L, Long::sum);
                    }
                    return;
                }
                if (scoring.linear() != null) {
                    if (answer.number() != null) {
                        numeric.merge(question, stats(answer.number(), scoring.linear(), threshold(model, question)),
                                Aggregates::add);
                    }
                } else {
                    String value = categoricalValue(scoring, answer);
                    if (value != null) {
                        categorical.computeIfAbsent(question, key -> new TreeMap<>()).merge(value, 1L, Long::sum);
                    }
                }
            });
        }
        return new Aggregates(responses.size(), categorical, numeric);
    }

    /** The key a categorical answer is counted under: its choice, or the integer of a 1-5 scale. */
    static String categoricalValue(ScoringModel.QuestionScoring scoring, Answer answer) {
        if (scoring.choices() != null) {
            return answer.choice();
        }
        return answer.number() == null ? null : Integer.toString(answer.number().intValue());
    }

    /** The linear score 0-100 of one number, clamped: the same expression the SQL aggregate uses. */
    public static BigDecimal linearScore(BigDecimal value, ScoringModel.Linear linear) {
        BigDecimal zero = BigDecimal.valueOf(linear.zeroAt());
        BigDecimal full = BigDecimal.valueOf(linear.fullAt());
        BigDecimal score = value.subtract(zero).multiply(BigDecimal.valueOf(100)).divide(full.subtract(zero), PRECISION);
        return score.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
    }

    /** The unscored questions the model's segments are chosen by (counted, never scored). */
    public static List<String> segmentQuestions(ScoringModel model) {
        return model.segments().values().stream().map(ScoringModel.SegmentRule::question)
                .filter(question -> question != null && !model.questions().containsKey(question)).distinct().sorted()
                .toList();
    }

    /** The sample variance of a number question's answers. */
    public static double sampleVariance(NumericStats stats) {
        return sampleVariance(stats.sum(), stats.sumOfSquares(), stats.count());
    }

    /** Sample variance from exact sums: (Σx² − (Σx)²/n) / (n − 1); 0 for fewer than two values. */
    public static double sampleVariance(BigDecimal sum, BigDecimal squares, long n) {
        if (n < 2) {
            return 0;
        }
        BigDecimal centred = squares.subtract(sum.multiply(sum).divide(BigDecimal.valueOf(n), PRECISION));
        return Math.max(0, centred.doubleValue() / (n - 1));
    }

    /** The share-below threshold of a number question, if a metric defines one. */
    public static Double threshold(ScoringModel model, String question) {
        return model.metrics().stream()
                .filter(metric -> "share-below".equals(metric.kind()) && metric.question().equals(question))
                .map(ScoringModel.MetricDefinition::below).findFirst().orElse(null);
    }

    private static NumericStats stats(BigDecimal value, ScoringModel.Linear linear, Double below) {
        BigDecimal score = linearScore(value, linear);
        return new NumericStats(1, value, value.multiply(value), score, score.multiply(score),
                below != null && value.compareTo(BigDecimal.valueOf(below)) < 0 ? 1 : 0);
    }

    private static NumericStats add(NumericStats a, NumericStats b) {
        return new NumericStats(a.count() + b.count(), a.sum().add(b.sum()), a.sumOfSquares().add(b.sumOfSquares()),
                a.scoreSum().add(b.scoreSum()), a.scoreSumOfSquares().add(b.scoreSumOfSquares()), a.below() + b.below());
    }
}
