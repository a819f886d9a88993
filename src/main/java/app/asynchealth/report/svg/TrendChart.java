package app.asynchealth.report.svg;

import static app.asynchealth.report.svg.SvgWriter.num;

import java.util.List;

/**
 * A line chart of scores 0–100 over rounds: level bands behind, one line per series, a point per round with a score. A
 * round without scores (suppressed, pending) is a shaded column that says so, and no line crosses it; a series without
 * a score in a round breaks there and the round's label counts it as suppressed. So a missing score never looks like 0,
 * nor like a value between its neighbours.
 */
public final class TrendChart {

    static final String[] PALETTE = { "#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D00",
            "#666666" };

    /**
     * A round on the x axis.
     *
     * @param status null when the round has scores; otherwise what to write in its column ("suppressed")
     */
    public record Round(String key, String label, String status) {
    }

    /** One line: a value per round (null: none in that round), with why there is none where it is known. */
    public record Series(String key, String label, boolean main, List<Double> values, List<String> statuses) {
    }

    public record Spec(String id, String title, String description, double width, double height, List<Round> rounds,
            List<Series> series, List<RadarChart.Ring> levels) {
    }

    private TrendChart() {
    }

    static final double LEFT = 34;
    static final double TOP = 10;
    static final double RIGHT = 92;

    /** The plot's bottom edge: room below for two lines of round labels and the legend. */
    static double bottom(Spec spec) {
        int legendRows = spec.series().size() > 1 ? (spec.series().size() + 2) / 3 : 0;
        return spec.height() - 34 - legendRows * 14;
    }

    /** x of round {@code i} of {@code n}: rounds evenly spread, one round in the middle. */
    public static double x(Spec spec, int i) {
        int n = spec.rounds().size();
        double left = LEFT + 24;
        double right = spec.width() - RIGHT - 24;
        return n <= 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
    }

    /** y of a score 0–100. */
    public static double y(Spec spec, double score) {
        double bottom = bottom(spec);
        return bottom - (bottom - TOP) * Math.max(0, Math.min(100, score)) / 100;
    }

    public static String render(Spec spec) {
        SvgWriter svg = new SvgWriter();
        double width = spec.width();
        double height = spec.height();
        double right = width - RIGHT;
        double bottom = bottom(spec);
        svg.start("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + num(width) + " " + num(height),
                "width", num(width), "height", num(height), "role", "img",
                "aria-labelledby", spec.id() + "-title " + spec.id() + "-desc", "class", "trend", "id", spec.id(),
                "font-family", "Arial, Helvetica, sans-serif", "font-size", "10");
        svg.textElement("title", spec.title(), "id", spec.id() + "-title");
        svg.textElement("desc", spec.description(), "id", spec.id() + "-desc");
        svg.empty("rect", "x", "0", "y", "0", "width", num(width), "height", num(height), "fill", "#ffffff");

        // Level bands, alternately shaded, named at the right.
        List<RadarChart.Ring> levels = spec.levels();
        svg.start("g", "class", "levels", "font-size", "9");
        for (int i = 0; i < levels.size(); i++) {
            double start = levels.get(i).start();
            double end = i + 1 < levels.size() ? levels.get(i + 1).start() : 100;
            svg.empty("rect", "x", LEFT, "y", y(spec, end), "width", right - LEFT, "height",
                    y(spec, start) - y(spec, end), "fill", i % 2 == 0 ? "#f2f2f2" : "#ffffff", "data-level-start", start);
            svg.textElement("text", levels.get(i).level() + " " + levels.get(i).name(), "x", right + 4,
                    "y", (y(spec, start) + y(spec, end)) / 2 + 3, "fill", "#555555");
        }
        for (double tick = 0; tick <= 100; tick += 20) {
            svg.textElement("text", num(tick), "x", LEFT - 4, "y", y(spec, tick) + 3, "text-anchor", "end",
                    "fill", "#555555");
        }
        svg.empty("line", "x1", LEFT, "y1", bottom, "x2", right, "y2", bottom, "stroke", "#8c8c8c");
        svg.end();

        // Rounds: their labels, and a shaded column that says why a round has no scores.
        List<Round> rounds = spec.rounds();
        svg.start("g", "class", "rounds", "fill", "#1a1a1a", "text-anchor", "middle");
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            double x = x(spec, i);
            if (round.status() != null) {
                svg.empty("rect", "x", x - 16, "y", TOP, "width", "32", "height", bottom - TOP, "fill", "#d9d9d9",
                        "fill-opacity", "0.6", "data-round", round.key(), "data-status", round.status());
                svg.textElement("text", round.status(), "x", x, "y", (TOP + bottom) / 2, "fill", "#7a2e00",
                        "font-style", "italic", "transform", "rotate(-90 " + num(x) + " " + num((TOP + bottom) / 2) + ")");
            }
            svg.textElement("text", round.label(), "x", x, "y", bottom + 12);
            int index = i;
            long suppressed = round.status() != null ? 0 : spec.series().stream()
                    .filter(s -> s.values().get(index) == null).count();
            if (suppressed > 0) {
                svg.textElement("text", suppressed + " suppressed", "x", x, "y", bottom + 24, "fill", "#7a2e00",
                        "font-style", "italic");
            }
        }
        svg.end();

        // Lines between neighbouring rounds that both have a value, then the points.
        for (int s = 0; s < spec.series().size(); s++) {
            Series series = spec.series().get(s);
            String colour = series.main() ? "#1a1a1a" : PALETTE[s % PALETTE.length];
            StringBuilder d = new StringBuilder();
            for (int i = 0; i + 1 < rounds.size(); i++) {
                Double a = series.values().get(i);
                Double b = series.values().get(i + 1);
                if (a != null && b != null) {
                    d.append(" M").append(num(x(spec, i))).append(' ').append(num(y(spec, a))).append(" L")
                            .append(num(x(spec, i + 1))).append(' ').append(num(y(spec, b)));
                }
            }
            svg.start("g", "class", "series", "data-series", series.key(), "stroke", colour, "fill", colour);
            if (!d.isEmpty()) {
                svg.empty("path", "d", d.toString().strip(), "fill", "none", "stroke-width", series.main() ? "2.5" : "1.25",
                        "stroke-dasharray", series.main() || s % 2 == 0 ? null : "4 2");
            }
            for (int i = 0; i < rounds.size(); i++) {
                Double value = series.values().get(i);
                if (value == null) {
                    String status = series.statuses() == null ? null : series.statuses().get(i);
                    svg.empty("g", "data-series", series.key(), "data-round", rounds.get(i).key(),
                            "data-status", status == null ? "none" : status);
                    continue;
                }
                svg.start("circle", "cx", x(spec, i), "cy", y(spec, value), "r", series.main() ? "3.5" : "2.5",
                        "data-series", series.key(), "data-round", rounds.get(i).key(), "data-score", value);
                svg.textElement("title", series.label() + ", " + rounds.get(i).label() + ": " + num(value));
                svg.end();
            }
            svg.end();
        }

        // Legend, three to a row, when there is more than one line.
        if (spec.series().size() > 1) {
            svg.start("g", "class", "legend", "font-size", "9");
            for (int s = 0; s < spec.series().size(); s++) {
                Series series = spec.series().get(s);
                String colour = series.main() ? "#1a1a1a" : PALETTE[s % PALETTE.length];
                double lx = LEFT + (s % 3) * ((width - LEFT) / 3);
                double ly = bottom + 40 + (s / 3) * 14;
                svg.empty("line", "x1", lx, "y1", ly - 3, "x2", lx + 16, "y2", ly - 3, "stroke", colour,
                        "stroke-width", series.main() ? "2.5" : "1.25",
                        "stroke-dasharray", series.main() || s % 2 == 0 ? null : "4 2");
                svg.textElement("text", series.label(), "x", lx + 20, "y", ly, "fill", "#1a1a1a");
            }
            svg.end();
        }
        svg.end();
        return svg.toString();
    }
}
