package app.asynchealth.recommendation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/**
 * What a team can do next, kept as data (recommendations/catalog.json) and keyed by dimension and level. A profile gets
 * the entries whose dimension is at or below their level, ranked by gap × weight, where the gap is how far the dimension
 * score is from 100. Each cites the team's value and the report's figure that motivate it, so an entry applies only when
 * its dimension score and the metric it cites are both published (stand on at least the threshold of answers).
 */
public final class RecommendationCatalog {

    static final String FILE = "recommendations/catalog.json";

    record Entry(String key, String dimension, int upToLevel, double weight, int leadsToLevel, String title,
            String metric, String evidence, List<String> actions) {
    }

    record Catalog(List<Entry> recommendations) {
    }

    /** A recommendation for one profile. */
    public record Recommendation(String key, String dimension, String title, String evidence, List<String> actions,
            int leadsToLevel, String leadsToLevelName, double priority, String benchmarkKey, String benchmarkQuote) {
    }

    private final List<Entry> entries;

    private RecommendationCatalog(List<Entry> entries) {
        this.entries = entries;
    }

    public static RecommendationCatalog load() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
            return new RecommendationCatalog(json.readValue(in, Catalog.class).recommendations());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    public List<String> metricKeys() {
        return entries.stream().map(Entry::metric).toList();
    }

    public List<String> dimensions() {
        return entries.stream().map(Entry::dimension).distinct().toList();
    }

    /** The top recommendations for a profile, most pressing first. */
    public List<Recommendation> top(TeamProfile profile, java.util.function.IntFunction<String> levelNames, int limit) {
        List<Recommendation> found = new ArrayList<>();
        for (Entry entry : entries) {
            DimensionResult dimension = profile.dimensions().stream()
                    .filter(result -> result.key().equals(entry.dimension())).findFirst().orElse(null);
            if (dimension == null || !dimension.published() || dimension.level() > entry.upToLevel()) {
                continue;
            }
            MetricResult metric = dimension.metrics().stream().filter(m -> m.key().equals(entry.metric())).findFirst()
                    .orElse(null);
            if (metric == null || !metric.published()) {
                continue; // its evidence would cite a figure too few answered: never shown, so never cited
            }
            double priority = (100 - dimension.score()) / 100 * entry.weight();
            String evidence = entry.evidence().replace("{team}", round(metric.value()))
                    .replace("{benchmark}", round(metric.benchmark().value()));
            found.add(new Recommendation(entry.key(), entry.dimension(), entry.title(), evidence, entry.actions(),
                    entry.leadsToLevel(), levelNames.apply(entry.leadsToLevel()), priority, metric.benchmark().key(),
                    metric.benchmark().quote()));
        }
        return found.stream()
                .sorted(Comparator.comparingDouble(Recommendation::priority).reversed().thenComparing(Recommendation::key))
                .limit(limit).toList();
    }

    static String round(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
