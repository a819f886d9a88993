package app.asynchealth.scoring.core;

import java.util.List;

import app.asynchealth.benchmark.Benchmark;

/**
 * The scored profile of one set of submitted responses. Scores are 0-100; levels 1-5. Every figure stands on at least
 * {@code threshold} answers to the questions it uses, or is suppressed: then only its count is kept.
 */
public record TeamProfile(int respondents, int threshold, Double score, Integer level, String levelName,
        List<DimensionResult> dimensions) {

    /**
     * @param score null when none of the dimension's questions is published (answered by at least the threshold)
     * @param nextLevel what the next level looks like; null at the top level or without a score
     * @param questions the dimension's scored questions, each with its count; only the published ones enter the score
     */
    public record DimensionResult(String key, Double score, Integer level, String levelName, String nextLevel,
            List<QuestionResult> questions, List<MetricResult> metrics) {

        public boolean published() {
            return score != null;
        }
    }

    /**
     * @param answered how many respondents answered it (with an answer the model scores)
     * @param score the mean answer score; null when the question is suppressed (fewer answers than the threshold)
     */
    public record QuestionResult(String key, long answered, Double score) {

        public boolean published() {
            return score != null;
        }
    }

    /**
     * A metric beside the report's figure. A suppressed metric (fewer answers than the threshold) has its count and the
     * report's figure only: no value, interval, difference or comparison.
     *
     * @param value the team's value (a percentage for shares; the question's unit for means)
     * @param lower lower bound of the 95% interval (Wilson score for shares, Student t for means); null when it cannot
     *        be computed (a mean of one answer) or the metric is suppressed
     * @param answered how many respondents answered the question
     * @param difference value minus the benchmark, in the benchmark's unit
     * @param withinInterval whether the benchmark lies inside the team's interval: then the difference may be chance
     */
    public record MetricResult(String key, String label, String kind, Double value, Double lower, Double upper,
            int answered, Benchmark benchmark, Double difference, Boolean withinInterval, String healthier) {

        public boolean published() {
            return value != null;
        }
    }
}
