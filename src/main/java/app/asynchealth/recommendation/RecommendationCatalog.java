package app.asynchealth.recommendation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.Intervals.Verdict;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.scoring.core.TeamProfile.DimensionResult;
import app.asynchealth.scoring.core.TeamProfile.MetricResult;

/**
 * What a team can do next, kept as data (recommendations/catalog.json) and keyed by dimension and level. An entry
 * applies only where the team needs it: the metric it cites is worse than its like-for-like figure (the whole
 * difference interval on the unhealthy side), or the dimension's level is below the level the entry leads to. Entries
 * are ranked by the credible gap × weight (how far the team is at the least, given its intervals, from the figure or
 * from its next level), then by the gap of the point estimates × weight, then by key, all in decimals. Each cites the
 * team's value and the report's figure that motivate it, so an entry applies only when its dimension score and the
 * metric it cites are both published (stand on at least the threshold of answers).
 */
public final class RecommendationCatalog {

    static final String FILE = "recommendations/catalog.json";

    /** Decimal places of gaps and priorities: see {@link #kept}. */
    private static final int SCALE = 12;

    record Entry(String key, String dimension, int upToLevel, double weight, int leadsToLevel, String title,
            String metric, String evidence, List<String> actions) {
    }

    record Catalog(List<Entry> recommendations) {
    }

    /**
     * A recommendation for one profile.
     *
     * @param gap the credible gap it answers (0-1): how far the team is at the least, given its intervals, from the
     *        figure (worse than it) or from the dimension's next level; 0 when within the noise
     * @param basis why it applies: "worse than the report" or "below level N …"
     * @param priority gap × weight, the ranking
     * @param pointPriority the gap of the point estimates × weight, which ranks entries of equal priority
     */
    public record Recommendation(@Schema(required = true) String key, @Schema(required = true) String dimension, @Schema(required = true) String title, @Schema(required = true) String evidence, @Schema(required = true) List<String> actions,
            int leadsToLevel, String leadsToLevelName, double gap, String basis, double priority,
            double pointPriority, String benchmarkKey, String benchmarkQuote) {
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

    /** The metric key a recommendation cites (and an action adopted from it aims to move), if the key is one. */
    public Optional<String> metricOf(String key) {
        return entries.stream().filter(entry -> entry.key().equals(key)).map(Entry::metric).findFirst();
    }

    public List<String> dimensions() {
        return entries.stream().map(Entry::dimension).distinct().toList();
    }

    /** The top recommendations for a profile, most pressing first. */
    public List<Recommendation> top(TeamProfile profile, ScoringModel model, int limit) {
        List<Ranked> found = new ArrayList<>();
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
            Benchmark cited = metric.benchmark() != null ? metric.benchmark()
                    : metric.context().isEmpty() ? null : metric.context().get(0);
            if (entry.evidence().contains("{benchmark}") && metric.benchmark() == null) {
                continue; // no like-for-like figure for this team to cite
            }
            boolean worse = metric.verdict() == Verdict.WORSE;
            boolean belowLevel = dimension.level() < entry.leadsToLevel();
            if (!worse && !belowLevel) {
                continue; // no worse than the report, and already at the level it leads to
            }
            // The gap to the team's next level, the same for every entry of the dimension: an entry that leads
            // further is not more pressing for it, and the weights order the entries of one dimension.
            boolean top = dimension.level() >= model.levels().size();
            double levelStart = top ? 100 : model.levelStart(dimension.level() + 1);
            BigDecimal gap = benchmarkGap(metric).max(top ? BigDecimal.ZERO : levelGap(dimension, levelStart));
            BigDecimal pointGap = top ? BigDecimal.ZERO : below(levelStart, dimension.score());
            BigDecimal weight = BigDecimal.valueOf(entry.weight());
            BigDecimal priority = kept(gap.multiply(weight));
            BigDecimal pointPriority = kept(pointGap.multiply(weight));
            String basis = worse ? "worse than the report"
                    : "below level " + entry.leadsToLevel() + " " + model.levelName(entry.leadsToLevel());
            String evidence = entry.evidence().replace("{team}", round(metric.value()));
            if (metric.benchmark() != null) {
                evidence = evidence.replace("{benchmark}", round(metric.benchmark().value()));
            }
            found.add(new Ranked(new Recommendation(entry.key(), entry.dimension(), entry.title(), evidence,
                    entry.actions(), entry.leadsToLevel(), model.levelName(entry.leadsToLevel()),
                    kept(gap).doubleValue(), basis, priority.doubleValue(), pointPriority.doubleValue(),
                    cited == null ? null : cited.key(), cited == null ? null : cited.quote()), priority, pointPriority));
        }
        return found.stream()
                .sorted(Comparator.comparing(Ranked::priority).reversed()
                        .thenComparing(Comparator.comparing(Ranked::pointPriority).reversed())
                        .thenComparing(ranked -> ranked.recommendation().key()))
                .map(Ranked::recommendation).limit(limit).toList();
    }

    /** A recommendation with the decimals it is ranked by (the same numbers it shows). */
    private record Ranked(Recommendation recommendation, BigDecimal priority, BigDecimal pointPriority) {
    }

    /**
     * Gaps and priorities are decimals of the figures' decimals, so that priorities equal in decimals rank as equal
     * (then by key), which in doubles they need not: (40 − 20.2)/100 is 0.198, (60 − 40.2)/100 0.19799999999999998.
     * Kept to 12 places: far below any difference answers can make, and few enough digits that the double shown is
     * exactly this decimal, so entries that rank as equal show equal priorities and the reverse.
     */
    static BigDecimal kept(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** How far {@code value} is below {@code start}, / 100, at least 0. */
    private static BigDecimal below(double start, double value) {
        return BigDecimal.valueOf(start).subtract(BigDecimal.valueOf(value)).movePointLeft(2).max(BigDecimal.ZERO);
    }

    /**
     * How much worse than its figure the team is at the least: the difference interval's bound nearest zero, when the
     * verdict is worse; in percentage points / 100 for shares, relative to the figure for means.
     */
    static BigDecimal benchmarkGap(MetricResult metric) {
        if (metric.verdict() != Verdict.WORSE) {
            return BigDecimal.ZERO;
        }
        Range difference = metric.differenceInterval();
        BigDecimal nearest = BigDecimal.valueOf(Math.min(Math.abs(difference.lower()), Math.abs(difference.upper())));
        return "mean".equals(metric.kind())
                ? nearest.divide(BigDecimal.valueOf(Math.abs(metric.benchmark().value())), MathContext.DECIMAL64)
                : nearest.movePointLeft(2);
    }

    /** How far below a level's start the dimension's score is at the least: from its interval's upper bound, / 100. */
    static BigDecimal levelGap(DimensionResult dimension, double levelStart) {
        double upper = dimension.scoreInterval() == null ? dimension.score() : dimension.scoreInterval().upper();
        return below(levelStart, upper);
    }

    static String round(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
