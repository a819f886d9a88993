package app.asynchealth.report;

import java.util.List;

/**
 * Everything the printable report shows, already worded and formatted (the template only lays it out). A figure that
 * is not published is the word that says why ("suppressed"), never a number.
 */
public record ReportPage(String css, String title, String heading, String subtitle, String status, boolean scored,
        String overall, String radarSvg, String radarNote, List<DimensionRow> dimensions, List<MetricRow> metrics,
        NormGap normGap, List<RecommendationRow> recommendations, List<ActionRow> actions, String trendSvg,
        List<TrendRow> trend) {

    public record DimensionRow(String name, String score, String interval, String level, String nextLevel,
            boolean suppressed) {
    }

    public record MetricRow(String dimension, String label, String value, String interval, String figure,
            String difference, String verdict, String verdictClass, boolean suppressed) {
    }

    public record NormGap(String heading, String reason, List<NormRow> norms) {
    }

    public record NormRow(String statement, String perception, String value, String comparison, String verdict,
            boolean suppressed) {
    }

    public record RecommendationRow(String title, String basis, String evidence) {
    }

    public record ActionRow(String title, String metric, String before, String after, String change, String verdict,
            boolean suppressed) {
    }

    public record TrendRow(String round, String closed, String status, String score, String change) {
    }
}
