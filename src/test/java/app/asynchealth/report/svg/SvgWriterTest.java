package app.asynchealth.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import app.asynchealth.report.svg.RadarChart.Axis;
import app.asynchealth.report.svg.RadarChart.Ring;
import app.asynchealth.report.svg.TrendChart.Round;
import app.asynchealth.report.svg.TrendChart.Series;

/** The SVG writer and the two charts on their own: escaping, number formatting, determinism and geometry. */
class SvgWriterTest {

    static final List<Ring> LEVELS = List.of(new Ring(1, 0, "Always-on"), new Ring(2, 20, "Ad hoc"),
            new Ring(3, 40, "Emerging"), new Ring(4, 60, "Intentional"), new Ring(5, 80, "Async-first"));

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textAndAttributesAreEscapedAndTheDocumentStaysWellFormed() throws Exception {
        String hostile = "<script>alert('x')</script> & \"quoted\" \u0001 \uD800 😀";
        String svg = new SvgWriter().start("svg", "xmlns", "http://www.w3.org/2000/svg", "data-name", hostile)
                .textElement("title", hostile).end().toString();
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                + "&quot;quoted&quot; \uFFFD \uFFFD 😀");
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getAttribute("data-name"))
                .isEqualTo("<script>alert('x')</script> & \"quoted\" \uFFFD \uFFFD 😀");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("<script>alert('x')</script> & \"quoted\" \uFFFD \uFFFD 😀");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void namesAreNeverData() {
        assertThatThrownBy(() -> new SvgWriter().start("svg onload=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SvgWriter().empty("rect", "x\" onclick=\"y", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SvgWriter().start("g").toString()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void numbersAreWrittenTheSameInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(SvgWriter.num(1234.5678)).isEqualTo("1234.57");
            assertThat(SvgWriter.num(0.125)).isEqualTo("0.13");
            assertThat(SvgWriter.num(50.0)).isEqualTo("50");
            assertThat(SvgWriter.num(-0.001)).isEqualTo("0");
            assertThat(SvgWriter.num(1e-7)).isEqualTo("0");
            assertThat(SvgWriter.num(1e7)).isEqualTo("10000000");
            assertThat(new SvgWriter().empty("circle", "cx", 3.14159).toString()).isEqualTo("<circle cx=\"3.14\"/>");
        } finally {
            Locale.setDefault(before);
        }
        assertThatThrownBy(() -> SvgWriter.num(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    static RadarChart.Spec radar(Double deepFocus) {
        return new RadarChart.Spec("r", "Team <A> & co", "desc", List.of(
                new Axis("a", "Alpha", 50.0, 13.6, 86.4, 3, "available", "50.0"),
                new Axis("b", "Beta", 25.0, 4.0, 72.5, 2, "available", "25.0"),
                new Axis("c", "Gamma", deepFocus, deepFocus == null ? null : 30.0, deepFocus == null ? null : 60.0,
                        deepFocus == null ? null : 3, deepFocus == null ? "suppressed" : "available",
                        deepFocus == null ? "suppressed" : "40.0"),
                new Axis("d", "Delta", 100.0, 90.0, 100.0, 5, "available", "100.0")), LEVELS, null);
    }

    @Test
    void aScoreOnAxisKLiesAtItsShareOfTheRadiusAlongThatAxis() throws Exception {
        // Four axes clockwise from the top: up, right, down, left.
        assertThat(RadarChart.point(0, 4, 50)).containsExactly(new double[] { RadarChart.CX, RadarChart.CY - RadarChart.RADIUS / 2 }, offset(1e-9));
        assertThat(RadarChart.point(1, 4, 25)).containsExactly(new double[] { RadarChart.CX + RadarChart.RADIUS / 4, RadarChart.CY }, offset(1e-9));
        assertThat(RadarChart.point(3, 4, 100)).containsExactly(new double[] { RadarChart.CX - RadarChart.RADIUS, RadarChart.CY }, offset(1e-9));
        // Eight axes: axis 1 is 45° clockwise from the top.
        double[] p = RadarChart.point(1, 8, 80);
        assertThat(p[0]).isCloseTo(RadarChart.CX + 0.8 * RadarChart.RADIUS * Math.sqrt(0.5),
                offset(1e-9));
        assertThat(p[1]).isCloseTo(RadarChart.CY - 0.8 * RadarChart.RADIUS * Math.sqrt(0.5),
                offset(1e-9));

        Document doc = parse(RadarChart.render(radar(40.0)));
        NodeList circles = doc.getElementsByTagName("circle");
        assertThat(circles.getLength()).isEqualTo(4);
        for (int k = 0; k < 4; k++) {
            Element circle = (Element) circles.item(k);
            double score = Double.parseDouble(circle.getAttribute("data-score"));
            double[] expected = RadarChart.point(k, 4, score);
            assertThat(Double.parseDouble(circle.getAttribute("cx"))).isCloseTo(expected[0],
                    offset(0.005));
            assertThat(Double.parseDouble(circle.getAttribute("cy"))).isCloseTo(expected[1],
                    offset(0.005));
        }
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(doc.getDocumentElement().getAttribute("aria-labelledby")).isEqualTo("r-title r-desc");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Team <A> & co");
        // All axes scored: one closed outline.
        assertThat(doc.getElementsByTagName("polygon").getLength()).isEqualTo(4 + 1 + 1);
    }

    @Test
    void aSuppressedAxisGetsNoPointNoLineAndNoBandThroughIt() throws Exception {
        String svg = RadarChart.render(radar(null));
        Document doc = parse(svg);
        NodeList circles = doc.getElementsByTagName("circle");
        assertThat(circles.getLength()).isEqualTo(3);
        for (int i = 0; i < circles.getLength(); i++) {
            assertThat(((Element) circles.item(i)).getAttribute("data-dimension")).isNotEqualTo("c");
        }
        // The outline is drawn only between neighbours that both have a score: a–b and d–a, not b–c nor c–d, and no
        // point of it lies at the centre (a score of 0) or anywhere on axis c.
        Element outline = (Element) doc.getElementsByTagName("path").item(1);
        assertThat(outline.getAttribute("class")).isEqualTo("scores");
        double[] a = RadarChart.point(0, 4, 50);
        double[] b = RadarChart.point(1, 4, 25);
        double[] d = RadarChart.point(3, 4, 100);
        assertThat(outline.getAttribute("d")).isEqualTo("M" + SvgWriter.num(a[0]) + " " + SvgWriter.num(a[1]) + " L"
                + SvgWriter.num(b[0]) + " " + SvgWriter.num(b[1]) + " M" + SvgWriter.num(d[0]) + " "
                + SvgWriter.num(d[1]) + " L" + SvgWriter.num(a[0]) + " " + SvgWriter.num(a[1]));
        Element band = (Element) doc.getElementsByTagName("path").item(0);
        assertThat(band.getAttribute("class")).isEqualTo("interval-band");
        assertThat(band.getAttribute("d").split("Z")).hasSize(2);
        assertThat(svg).contains("data-dimension=\"c\" data-status=\"suppressed\"").contains(">suppressed<");
    }

    @Test
    void theSameChartGivesTheSameBytes() {
        assertThat(RadarChart.render(radar(40.0))).isEqualTo(RadarChart.render(radar(40.0)));
        assertThat(TrendChart.render(trend())).isEqualTo(TrendChart.render(trend()));
    }

    static TrendChart.Spec trend() {
        return new TrendChart.Spec("t", "Trend", "desc", 640, 360,
                List.of(new Round("r1", "Round 1", null), new Round("r2", "Round 2", "suppressed"),
                        new Round("r3", "Round 3", null), new Round("r4", "Round 4", null)),
                List.of(new Series("overall", "Overall", true, Arrays.asList(40.0, null, 60.0, 70.0),
                        Arrays.asList(null, "suppressed", null, null)),
                        new Series("x", "X", false, Arrays.asList(20.0, null, null, 80.0),
                                Arrays.asList(null, "suppressed", "suppressed", null))),
                LEVELS);
    }

    @Test
    void aTrendLineNeverCrossesARoundWithoutAScore() throws Exception {
        TrendChart.Spec spec = trend();
        Document doc = parse(TrendChart.render(spec));
        NodeList circles = doc.getElementsByTagName("circle");
        assertThat(circles.getLength()).isEqualTo(5);
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            double score = Double.parseDouble(c.getAttribute("data-score"));
            assertThat(Double.parseDouble(c.getAttribute("cy"))).isCloseTo(TrendChart.y(spec, score),
                    offset(0.005));
        }
        NodeList paths = doc.getElementsByTagName("path");
        // Overall: only rounds 3–4 are neighbours with scores; X: none.
        assertThat(paths.getLength()).isEqualTo(1);
        assertThat(((Element) paths.item(0)).getAttribute("d")).isEqualTo("M" + SvgWriter.num(TrendChart.x(spec, 2))
                + " " + SvgWriter.num(TrendChart.y(spec, 60)) + " L" + SvgWriter.num(TrendChart.x(spec, 3)) + " "
                + SvgWriter.num(TrendChart.y(spec, 70)));
        // 0 is at the bottom, 100 at the top.
        assertThat(TrendChart.y(spec, 0)).isGreaterThan(TrendChart.y(spec, 100));
        String svg = TrendChart.render(spec);
        assertThat(svg).contains("data-round=\"r2\" data-status=\"suppressed\"").contains(">1 suppressed<");
    }
}
