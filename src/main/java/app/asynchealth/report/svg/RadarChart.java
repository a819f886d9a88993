package app.asynchealth.report.svg;

import static app.asynchealth.report.svg.SvgWriter.num;

import java.util.List;

/**
 * A radar (spider) chart of scores 0–100: one axis per dimension clockwise from the top, rings at the level boundaries,
 * the 95 % intervals as a band and the scores as a line with a point per axis. An axis without a score (suppressed) gets
 * no point and no line or band through it: it is labelled "suppressed", so that nobody reads it as 0 or as a value
 * between its neighbours. Pure: the same chart gives the same text.
 */
public final class RadarChart {

    public static final double WIDTH = 580;
    public static final double HEIGHT = 430;
    public static final double CX = 290;
    public static final double CY = 215;
    public static final double RADIUS = 140;

    static final String SCORE = "#08519c";
    static final String BAND = "#6baed6";
    static final String GRID = "#8c8c8c";
    static final String INK = "#1a1a1a";

    /**
     * One dimension. {@code score} null: no score is shown ({@code status} says why, e.g. "suppressed").
     *
     * @param valueText what the label under the dimension's name says (e.g. "50.0 · level 3"), or its status
     */
    public record Axis(String key, String label, Double score, Double lower, Double upper, Integer level,
            String status, String valueText) {

        boolean plotted() {
            return score != null;
        }

        boolean banded() {
            return score != null && lower != null && upper != null;
        }
    }

    /** A level: the score it starts at and its name, drawn as a ring at its start and named inside its band. */
    public record Ring(int level, double start, String name) {
    }

    /**
     * @param id prefix of the element ids (title, desc), unique within a page that shows several charts
     * @param notice shown in the middle when no axis has a score (why there is none), else null
     */
    public record Spec(String id, String title, String description, List<Axis> axes, List<Ring> rings,
            String notice) {
    }

    private RadarChart() {
    }

    /** Where score {@code s} lies on axis {@code k} of {@code n}: x, y in the chart's coordinates. */
    public static double[] point(int k, int n, double s) {
        double angle = -Math.PI / 2 + 2 * Math.PI * k / n;
        double r = RADIUS * Math.max(0, Math.min(100, s)) / 100;
        return new double[] { CX + r * Math.cos(angle), CY + r * Math.sin(angle) };
    }

    public static String render(Spec spec) {
        List<Axis> axes = spec.axes();
        int n = axes.size();
        SvgWriter svg = new SvgWriter();
        svg.start("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 " + num(WIDTH) + " " + num(HEIGHT),
                "width", num(WIDTH), "height", num(HEIGHT), "role", "img",
                "aria-labelledby", spec.id() + "-title " + spec.id() + "-desc", "class", "radar", "id", spec.id(),
                "font-family", "Arial, Helvetica, sans-serif", "font-size", "11");
        svg.textElement("title", spec.title(), "id", spec.id() + "-title");
        svg.textElement("desc", spec.description(), "id", spec.id() + "-desc");
        svg.empty("rect", "x", "0", "y", "0", "width", num(WIDTH), "height", num(HEIGHT), "fill", "#ffffff");

        // Level rings: the web at each level's start and at 100, the level's number and name inside its band.
        svg.start("g", "class", "levels", "fill", "none", "stroke", GRID, "stroke-width", "0.75");
        List<Ring> rings = spec.rings();
        for (Ring ring : rings) {
            if (ring.start() > 0) {
                svg.empty("polygon", "points", web(n, ring.start()), "data-level-start", ring.start(),
                        "stroke-dasharray", "3 3");
            }
        }
        svg.empty("polygon", "points", web(n, 100), "data-level-start", 100.0);
        svg.end();
        svg.start("g", "class", "level-names", "fill", "#555555", "font-size", "9");
        for (int i = 0; i < rings.size(); i++) {
            double end = i + 1 < rings.size() ? rings.get(i + 1).start() : 100;
            double middle = (rings.get(i).start() + end) / 2;
            double y = CY - RADIUS * middle / 100 + 3;
            svg.textElement("text", ring(rings.get(i)), "x", CX + 4, "y", y);
        }
        svg.end();

        // Axes and their labels.
        svg.start("g", "class", "axes", "stroke", GRID, "stroke-width", "0.75");
        for (int k = 0; k < n; k++) {
            double[] end = point(k, n, 100);
            svg.empty("line", "x1", CX, "y1", CY, "x2", end[0], "y2", end[1]);
        }
        svg.end();
        svg.start("g", "class", "axis-labels", "fill", INK);
        for (int k = 0; k < n; k++) {
            Axis axis = axes.get(k);
            double angle = -Math.PI / 2 + 2 * Math.PI * k / n;
            double cos = Math.cos(angle);
            double x = CX + (RADIUS + 14) * cos;
            double y = CY + (RADIUS + 14) * Math.sin(angle);
            String anchor = Math.abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
            double top = Math.sin(angle) < -0.5 ? y - 14 : Math.sin(angle) > 0.5 ? y + 8 : y - 3;
            svg.start("text", "x", x, "y", top, "text-anchor", anchor, "data-axis", axis.key());
            svg.textElement("tspan", axis.label(), "x", x, "font-weight", "bold");
            svg.textElement("tspan", axis.valueText(), "x", x, "dy", "13",
                    "fill", axis.plotted() ? INK : "#7a2e00", "font-style", axis.plotted() ? null : "italic");
            svg.end();
        }
        svg.end();

        // The intervals as a band and the scores as a line, only between neighbouring axes that both have them.
        StringBuilder band = new StringBuilder();
        StringBuilder line = new StringBuilder();
        boolean all = axes.stream().allMatch(Axis::plotted);
        for (int k = 0; k < n; k++) {
            Axis a = axes.get(k);
            Axis b = axes.get((k + 1) % n);
            int next = (k + 1) % n;
            if (n > 1 && a.banded() && b.banded()) {
                band.append(move(point(k, n, a.lower()))).append(lineTo(point(k, n, a.upper())))
                        .append(lineTo(point(next, n, b.upper()))).append(lineTo(point(next, n, b.lower()))).append("Z");
            }
            if (n > 1 && a.plotted() && b.plotted() && !all) {
                line.append(move(point(k, n, a.score()))).append(lineTo(point(next, n, b.score())));
            }
        }
        if (!band.isEmpty()) {
            svg.empty("path", "class", "interval-band", "d", band.toString().strip(), "fill", BAND,
                    "fill-opacity", "0.35", "stroke", "none");
        }
        if (all && n > 0) {
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < n; k++) {
                double[] p = point(k, n, axes.get(k).score());
                points.append(k == 0 ? "" : " ").append(num(p[0])).append(',').append(num(p[1]));
            }
            svg.empty("polygon", "class", "scores", "points", points.toString(), "fill", SCORE, "fill-opacity", "0.12",
                    "stroke", SCORE, "stroke-width", "2");
        } else if (!line.isEmpty()) {
            svg.empty("path", "class", "scores", "d", line.toString().strip(), "fill", "none", "stroke", SCORE,
                    "stroke-width", "2");
        }

        // One group per axis: a point where there is a score, the status where there is none (never a point at 0).
        svg.start("g", "class", "points", "fill", SCORE);
        for (int k = 0; k < n; k++) {
            Axis axis = axes.get(k);
            if (axis.plotted()) {
                double[] p = point(k, n, axis.score());
                svg.start("circle", "cx", p[0], "cy", p[1], "r", "4", "data-dimension", axis.key(),
                        "data-score", axis.score(), "data-lower", axis.lower(), "data-upper", axis.upper(),
                        "data-level", axis.level());
                svg.textElement("title", axis.label() + ": " + axis.valueText());
                svg.end();
            } else {
                svg.empty("g", "data-dimension", axis.key(), "data-status", axis.status());
            }
        }
        svg.end();

        if (spec.notice() != null) {
            svg.start("g", "class", "notice");
            svg.empty("rect", "x", CX - 150, "y", CY - 24, "width", "300", "height", "48", "rx", "4",
                    "fill", "#ffffff", "stroke", "#7a2e00");
            svg.textElement("text", spec.notice(), "x", CX, "y", CY + 4, "text-anchor", "middle", "fill", "#7a2e00",
                    "font-size", "12");
            svg.end();
        }
        svg.end();
        return svg.toString();
    }

    private static String ring(Ring ring) {
        return ring.level() + " " + ring.name();
    }

    private static String web(int n, double score) {
        StringBuilder points = new StringBuilder();
        for (int k = 0; k < n; k++) {
            double[] p = point(k, n, score);
            points.append(k == 0 ? "" : " ").append(num(p[0])).append(',').append(num(p[1]));
        }
        return points.toString();
    }

    private static String move(double[] p) {
        return " M" + num(p[0]) + " " + num(p[1]);
    }

    private static String lineTo(double[] p) {
        return " L" + num(p[0]) + " " + num(p[1]);
    }
}
