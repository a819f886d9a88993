package app.asynchealth.benchmark;

/**
 * A figure of the report: value and unit (percent, hours-per-week, ratio), the population it describes, the sentence.
 * Plain Java on purpose: the scoring core uses it and must not depend on framework code.
 */
public record Benchmark(String key, double value, String unit, String population, String quote) {
}
