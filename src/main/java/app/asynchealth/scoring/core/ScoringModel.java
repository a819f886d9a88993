package app.asynchealth.scoring.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How answers become scores, kept as data (scoring/async-health-v1.json) and explained in docs/scoring.md: a 0-100
 * score per answer, level bands, what each level of each dimension looks like, and the metrics shown beside the report's
 * figures.
 */
public record ScoringModel(
        TemplateKey template,
        List<LevelBand> levels,
        Map<String, List<String>> dimensions,
        Map<String, QuestionScoring> questions,
        List<MetricDefinition> metrics) {

    public record TemplateKey(String key, int version) {
    }

    /** A level starts at {@code minScore}; the bands cover 0-100 without gaps. */
    public record LevelBand(int level, String name, double minScore) {
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
     * @param segments benchmark keys to use instead of {@code benchmark} for a tenant segment, such as
     *        "companySize:LARGE"; the first matching entry wins
     * @param healthier whether a higher or a lower value is the healthier one
     */
    public record MetricDefinition(String key, String dimension, String question, String kind, List<String> values,
            Integer atLeast, Double below, String label, String benchmark, Map<String, String> segments,
            String healthier) {
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
}
