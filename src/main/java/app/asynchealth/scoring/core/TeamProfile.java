package app.asynchealth.scoring.core;

import java.util.List;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.scoring.core.Intervals.Verdict;

/**
 * The scored profile of one set of submitted responses. Scores are 0-100; levels 1-5. Every figure stands on at least
 * {@code threshold} answers to the questions it uses, or is suppressed: then only its count is kept.
 *
 * @param scoringModel the version of the method that computed it
 * @param segments the report segments the team was found to belong to, each with its basis
 * @param score the overall score (unrounded), null when no dimension is published
 * @param scoreInterval its 95% interval
 * @param levels the level of the score and the levels its interval reaches
 */
public record TeamProfile(String scoringModel, int respondents, int threshold, List<Segment> segments, Double score,
        Intervals.Range scoreInterval, LevelReading levels, List<DimensionResult> dimensions) {

    public Integer level() {
        return levels == null ? null : levels.level();
    }

    public String levelName() {
        return levels == null ? null : levels.name();
    }

    /** A report segment the team belongs to, and why: "9 of 12 respondents describe their team as …". */
    public record Segment(String key, String population, String basis) {
    }

    /**
     * The level of a score, and honestly how sure it is: the lowest and highest level its interval reaches, and
     * {@code provisional} when those differ (the interval spans a level boundary).
     */
    public record LevelReading(int level, String name, int lowest, int highest) {

        public boolean provisional() {
            return lowest != highest;
        }
    }

    /**
     * @param score null when none of the dimension's questions is published (answered by at least the threshold)
     * @param nextLevel what the next level looks like; null at the top level or without a score
     * @param questions the dimension's scored questions, each with its count; only the published ones enter the score
     */
    public record DimensionResult(String key, Double score, Intervals.Range scoreInterval, LevelReading levels,
            String nextLevel, List<QuestionResult> questions, List<MetricResult> metrics) {

        public boolean published() {
            return score != null;
        }

        public Integer level() {
            return levels == null ? null : levels.level();
        }

        public String levelName() {
            return levels == null ? null : levels.name();
        }
    }

    /**
     * @param answered how many respondents answered it (with an answer the model scores)
     * @param score the mean answer score; null when the question is suppressed (fewer answers than the threshold)
     * @param standardError of that mean (sample standard deviation / √answered); null when suppressed or answered once
     */
    public record QuestionResult(String key, long answered, Double score, Double standardError) {

        public boolean published() {
            return score != null;
        }
    }

    /**
     * A metric beside the report's figure that measures the same thing for the team's population, if there is one. A
     * suppressed metric (fewer answers than the threshold) has its count and the figure only: no value, interval,
     * difference or verdict.
     *
     * @param value the team's value (a percentage for shares; the question's unit for means)
     * @param interval the 95% interval of the value (Wilson for shares, bounded t for means); null when it cannot be
     *        computed (one answer) or the metric is suppressed
     * @param benchmark the like-for-like figure; null when the report has none for this team's population
     * @param segment the segment that chose the figure; null when it describes all respondents
     * @param difference value minus the figure, in its unit
     * @param differenceInterval 95% interval of the difference, accounting for both samples where the report gives its
     *        size (Newcombe for shares, Welch for means), else for the team's alone ({@code differenceMethod})
     * @param verdict better, worse or no clear difference; null without a benchmark or a healthier direction
     * @param context figures shown for context only
     */
    public record MetricResult(String key, String label, String kind, Double value, Intervals.Range interval,
            int answered, Benchmark benchmark, String segment, Double difference, Intervals.Range differenceInterval,
            String differenceMethod, Verdict verdict, String healthier, List<Benchmark> context) {

        public boolean published() {
            return value != null;
        }
    }
}
