package app.asynchealth.scoring.core;

/** A figure of the report: value and unit (percent, hours-per-week, ratio), the population it describes, the sentence. */
public record Benchmark(String key, double value, String unit, String population, String quote) {
}
