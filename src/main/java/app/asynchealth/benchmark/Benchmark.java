package app.asynchealth.benchmark;

/**
 * A figure of the report: value and unit (percent, hours-per-week, ratio), the population it describes, what exactly
 * was measured, the sample it stands on when the report gives it, and the sentence. Plain Java on purpose: the scoring
 * core uses it and must not depend on framework code.
 *
 * @param sampleSize respondents the figure stands on; null when the report does not publish it (its segments)
 */
public record Benchmark(String key, double value, String unit, String population, String measure, Integer sampleSize,
        String quote) {
}
