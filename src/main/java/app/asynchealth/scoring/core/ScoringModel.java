package app.asynchealth.scoring.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How answers become scores, kept as data (scoring/async-health-v1.json) and explained in docs/scoring.md: a 0-100
 * score per answer, level bands, what each level of each dimension looks like, the report segments a team can belong
 * to, and the metrics shown beside the report's figures, each with the figures that measure the same thing.
 *
 * @param version the method's version, named in every profile; a profile computed by another version is not compared
 *        with this one's
 */
public record ScoringModel(
        TemplateKey template,
        String version,
        List<LevelBand> levels,
        Map<String, List<String>> dimensions,
        Map<String, SegmentRule> segments,
        Map<String, QuestionScoring> questions,
        List<MetricDefinition> metrics) {

    public record TemplateKey(String key, int version) {
    }

    /** A level starts at {@code minScore}; the bands cover 0-100 without gaps. */
    public record LevelBand(int level, String name, double minScore) {
    }

    /**
     * When a team belongs to a report segment: when more than half of the respondents who answered {@code question}
     * chose one of {@code values} (their own answers first), else when the tenant's setting is {@code tenant} (such as
     * "workingStyle:IN_OFFICE").
     *
     * @param population the report's name for the segment's population
     * @param describes what the respondents in it said, for the stated basis ("describe their team as …")
     */
    public record SegmentRule(String question, List<String> values, String tenant, String population,
            String describes) {
    }

    /** Exactly one of choices, likert (1-5 mapped to 0-100) or linear is set. */
    public record QuestionScoring(String dimension, Map<String, Double> choices, Boolean likert, Linear linear) {
    }

    /** Score 0 at {@code zeroAt}, 100 at {@code fullAt}, linear between and clamped outside. */
    public record Linear(double zeroAt, double fullAt) {
    }

    /**
     * @param kind share (of answers among {@code values}, or of likert answers {@code atLeast}), share-below (of
     *        numbers under {@code below}) or mean
     * @param of for a share, the answers it is a share of (default: all answers to the question)
     * @param range for a mean, the values the question allows ([min, max]), which bound its interval
     * @param benchmarks the report's figures that measure what this metric measures, each for one population: the
     *        first whose segment the team belongs to (or that has none: all respondents) is used; none: no benchmark
     * @param context figures shown beside the metric for context, never compared
     * @param healthier whether a higher or a lower value is the healthier one; null when neither is (no verdict)
     */
    public record MetricDefinition(String key, String dimension, String question, String kind, List<String> values,
            List<String> of, Integer atLeast, Double below, List<Double> range, String label,
            List<BenchmarkChoice> benchmarks, List<String> context, String healthier) {
    }

    /** A figure for a metric, for the teams of a segment (null: every team, as the figure is of all respondents). */
    public record BenchmarkChoice(String figure, String segment) {
    }

    public LevelBand levelFor(double score) {
        LevelBand band = levels.get(0);
        for (LevelBand candidate : levels) {
            if (score >= candidate.minScore()) {
                band = candidate;
            }
        }
        return band;
    }

    /** What the next level of the dimension looks like; empty at the top level. */
    public Optional<String> nextLevel(String dimension, int level) {
        List<String> descriptions = dimensions.get(dimension);
        return level < descriptions.size() ? Optional.of(descriptions.get(level)) : Optional.empty();
    }

    public String levelName(int level) {
        return levels.get(level - 1).name();
    }

    /** The score a level starts at. */
    public double levelStart(int level) {
        return levels.get(level - 1).minScore();
    }
}
