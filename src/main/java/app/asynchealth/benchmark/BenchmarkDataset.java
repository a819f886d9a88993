package app.asynchealth.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The figures of the State of Async Work 2026 report that the product compares teams with, read from one data file.
 * Every figure carries the sentence of the report it comes from; ratios stay ratios.
 */
@Singleton
public class BenchmarkDataset {

    static final String FILE = "benchmarks/state-of-async-work-2026.json";

    /**
     * @param measure what exactly the report measured, so that a team metric is compared only with what measures the
     *        same thing
     * @param sampleSize respondents the figure stands on: 216 for all respondents; null for a segment, whose size the
     *        report does not publish
     * @param approximate the report rounds it in words ("8 in 10", "over 4 times")
     */
    public record Figure(String key, double value, String unit, String population, String comparedWith, String measure,
            Integer sampleSize, Boolean approximate, String quote) {
    }

    public record Dataset(String report, String sample, String source, List<Figure> figures) {
    }

    private final Dataset dataset;

    BenchmarkDataset() {
        this.dataset = read();
    }

    public static BenchmarkDataset load() {
        return new BenchmarkDataset();
    }

    public Dataset dataset() {
        return dataset;
    }

    public Optional<Figure> figure(String key) {
        return dataset.figures().stream().filter(figure -> figure.key().equals(key)).findFirst();
    }

    /** The figure as the scoring core sees it. */
    public Benchmark benchmark(String key) {
        Figure figure = figure(key).orElseThrow(() -> new IllegalArgumentException("no benchmark figure " + key));
        return new Benchmark(figure.key(), figure.value(), figure.unit(), figure.population(), figure.measure(),
                figure.sampleSize(), figure.quote());
    }

    private static Dataset read() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing");
            }
            Dataset dataset = json.readValue(in, Dataset.class);
            for (Figure figure : dataset.figures()) {
                if (figure.quote() == null || figure.quote().isBlank() || figure.unit() == null
                        || figure.measure() == null || figure.measure().isBlank()) {
                    throw new IllegalStateException("benchmark " + figure.key() + " lacks its unit, measure or sentence");
                }
            }
            return dataset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
