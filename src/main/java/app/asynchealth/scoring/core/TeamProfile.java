package app.asynchealth.scoring.core;

import java.util.List;

/** The scored profile of one set of submitted responses. Scores are 0-100; levels 1-5. */
public record TeamProfile(int respondents, Double score, Integer level, String levelName, List<DimensionResult> dimensions) {

    /**
     * @param score null when nobody answered any of the dimension's scored questions
     * @param nextLevel what the next level looks like; null at the top level or without a score
     */
    public record DimensionResult(String key, Double score, Integer level, String levelName, String nextLevel,
            List<MetricResult> metrics) {
    }

    /**
     * @param value the team's value (a percentage for shares; the question's unit for means)
     * @param lower lower bound of the 95% interval (Wilson score for shares, Student t for means); null when it cannot
     *        be computed (a mean of one answer)
     * @param answered how many respondents answered the question
     * @param difference value minus the benchmark, in the benchmark's unit
     * @param withinInterval whether the benchmark lies inside the team's interval: then the difference may be chance
     */
    public record MetricResult(String key, String label, String kind, double value, Double lower, Double upper,
            int answered, Benchmark benchmark, double difference, boolean withinInterval, String healthier) {
    }
}
