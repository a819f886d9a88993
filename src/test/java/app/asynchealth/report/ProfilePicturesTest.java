package app.asynchealth.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.report.svg.RadarChart;
import app.asynchealth.report.svg.SvgWriter;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The profile and the trend as SVG and as the printable HTML report, through the API: the same access as the JSON, the
 * same numbers, nothing drawn that the JSON does not publish, the same bytes for the same profile, 406 for a type the
 * routes do not make, and conditional reads per representation.
 */
@QuarkusTest
class ProfilePicturesTest {

    static final String PROFILE = "/api/v1/assessments/{id}/profile";
    static final String TREND = "/api/v1/teams/{id}/trend";
    static final String SVG = "image/svg+xml";
    static final String HTML = "text/html";

    static ReportRounds rounds;

    /** Made once for the class, on the first test (REST Assured knows the test port only then). */
    @BeforeEach
    void history() {
        if (rounds == null) {
            rounds = new ReportRounds();
        }
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Response get(String token, String accept, String path, String id) {
        return Api.as(token).accept(accept).get(path, id);
    }

    @Test
    void hrReadsTheRadarAsItReadsTheJsonWithTheSameScoresAtTheirPlaces() throws Exception {
        JsonPath json = Api.as(rounds.hr).get(PROFILE, rounds.third).then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
        Response svg = get(rounds.hr, SVG, PROFILE, rounds.third);
        svg.then().statusCode(200).contentType(startsWith(SVG)).header("Vary", containsString("Accept"))
                .header("Content-Security-Policy", startsWith("default-src 'none'"));
        Document doc = xml(svg.asString());
        assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("Async-health profile: Payments <&> \"Core\" – Qc check-in (round 3)");
        String desc = doc.getElementsByTagName("desc").item(0).getTextContent();
        assertThat(desc).contains("The report has no figure for a dimension score");

        List<Map<String, Object>> dimensions = json.getList("dimensions");
        NodeList circles = doc.getElementsByTagName("circle");
        Map<String, Element> points = new HashMap<>();
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            points.put(c.getAttribute("data-dimension"), c);
        }
        assertThat(points).hasSize(dimensions.size());
        for (int k = 0; k < dimensions.size(); k++) {
            Map<String, Object> d = dimensions.get(k);
            double score = number(d.get("score"));
            Element point = points.get((String) d.get("key"));
            assertThat(Double.parseDouble(point.getAttribute("data-score"))).isEqualTo(score);
            assertThat(Double.parseDouble(point.getAttribute("data-lower"))).isEqualTo(number(d.get("scoreLower")));
            assertThat(Double.parseDouble(point.getAttribute("data-upper"))).isEqualTo(number(d.get("scoreUpper")));
            double angle = -Math.PI / 2 + 2 * Math.PI * k / dimensions.size();
            assertThat(Double.parseDouble(point.getAttribute("cx")))
                    .isCloseTo(RadarChart.CX + RadarChart.RADIUS * score / 100 * Math.cos(angle),
                            offset(0.006));
            assertThat(Double.parseDouble(point.getAttribute("cy")))
                    .isCloseTo(RadarChart.CY + RadarChart.RADIUS * score / 100 * Math.sin(angle),
                            offset(0.006));
            assertThat(desc).contains(String.format(Locale.ROOT, "%.1f", score));
        }
    }

    @Test
    void theSameProfileGivesTheSameBytesAndEachRepresentationItsOwnETag() {
        Response once = get(rounds.lead, SVG, PROFILE, rounds.third);
        Response twice = get(rounds.lead, SVG, PROFILE, rounds.third);
        assertThat(once.asByteArray()).isEqualTo(twice.asByteArray());
        Response html = get(rounds.lead, HTML, PROFILE, rounds.third);
        Response html2 = get(rounds.lead, HTML, PROFILE, rounds.third);
        assertThat(html.asByteArray()).isEqualTo(html2.asByteArray());
        Response json = Api.as(rounds.lead).get(PROFILE, rounds.third);
        List<String> tags = List.of(once.header("ETag"), html.header("ETag"), json.header("ETag"));
        assertThat(tags).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(twice.header("ETag")).isEqualTo(once.header("ETag"));

        Response notModified = Api.as(rounds.lead).accept(SVG).header("If-None-Match", once.header("ETag"))
                .get(PROFILE, rounds.third);
        notModified.then().statusCode(304).header("ETag", equalTo(once.header("ETag")));
        assertThat(notModified.asByteArray()).isEmpty();
        // The SVG's tag names another representation than the JSON's: the JSON is sent in full.
        Api.as(rounds.lead).header("If-None-Match", once.header("ETag")).get(PROFILE, rounds.third).then()
                .statusCode(200).contentType(startsWith("application/json"));
        Api.as(rounds.lead).accept(HTML).header("If-None-Match", html.header("ETag")).get(PROFILE, rounds.third)
                .then().statusCode(304);
        Response trend = get(rounds.lead, SVG, TREND, rounds.team);
        Api.as(rounds.lead).accept(SVG).header("If-None-Match", trend.header("ETag")).get(TREND, rounds.team).then()
                .statusCode(304);
        assertThat(get(rounds.lead, SVG, TREND, rounds.team).asByteArray()).isEqualTo(trend.asByteArray());
    }

    @Test
    void jsonStaysTheDefaultAndOtherTypesAre406() {
        given().auth().oauth2(rounds.admin).get(PROFILE, rounds.third).then().statusCode(200)
                .contentType(startsWith("application/json")).body("status", equalTo("available"));
        Api.as(rounds.admin).accept("*/*").get(PROFILE, rounds.third).then().statusCode(200)
                .contentType(startsWith("application/json"));
        // A generated client lists every type the operation makes: it still gets JSON.
        Api.as(rounds.admin).accept("application/json, image/svg+xml, text/html").get(PROFILE, rounds.third).then()
                .statusCode(200).contentType(startsWith("application/json"));
        // What a browser sends: the report.
        Api.as(rounds.admin).accept("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
                .get(PROFILE, rounds.third).then().statusCode(200).contentType(startsWith(HTML));
        Api.as(rounds.admin).accept("image/png").get(PROFILE, rounds.third).then().statusCode(406)
                .contentType(startsWith("application/problem+json"));
        Api.as(rounds.admin).accept("text/html").get(TREND, rounds.team).then().statusCode(406)
                .contentType(startsWith("application/problem+json"));
        Api.as(rounds.admin).accept("application/pdf").get(TREND, rounds.team).then().statusCode(406)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void thePicturesHaveTheJsonsAccessRules() {
        // A member of the team reads no profile, in any form, until it is published to the team (then every form).
        Api.newMember(rounds.tenant, rounds.team, Map.of("externalId", "plain", "subject", "plain"));
        String member = Tokens.as(rounds.tenant, "plain", Roles.MEMBER);
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        String otherTeam = Api.newTeam(rounds.tenant, "Other");
        Api.newMember(rounds.tenant, otherTeam, Map.of("externalId", "other-lead", "subject", "other-lead",
                "role", "lead"));
        String otherLead = Tokens.as(rounds.tenant, "other-lead", Roles.TEAM_LEAD);
        for (String accept : List.of(SVG, HTML)) {
            int asJson = Api.as(member).get(PROFILE, rounds.third).statusCode();
            assertThat(asJson).isEqualTo(404);
            get(member, accept, PROFILE, rounds.third).then().statusCode(asJson)
                    .contentType(startsWith("application/problem+json"));
            Api.as(rounds.admin).put("/api/v1/assessments/{id}/profile/publication", rounds.third).then()
                    .statusCode(anyOf(is(200), is(201)));
            String published = get(member, accept, PROFILE, rounds.third).then().statusCode(200).extract().asString();
            String asLead = get(rounds.admin, accept, PROFILE, rounds.third).then().statusCode(200).extract().asString();
            if (accept.equals(SVG)) {
                assertThat(published).isEqualTo(asLead);
            } else {
                // The member's report shows this round only: the trend would show rounds not published to them.
                assertThat(asLead).contains("id=\"h-trend\"");
                assertThat(published).doesNotContain("id=\"h-trend\"").contains("id=\"h-radar\"");
            }
            Api.as(rounds.admin).delete("/api/v1/assessments/{id}/profile/publication", rounds.third).then()
                    .statusCode(204);
            // Another tenant's admin: not found, as for the JSON.
            get(intruder, accept, PROFILE, rounds.third).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"));
            // The lead of another team of the same tenant: as the JSON answers them.
            int jsonStatus = Api.as(otherLead).get(PROFILE, rounds.third).statusCode();
            assertThat(jsonStatus).isIn(403, 404);
            get(otherLead, accept, PROFILE, rounds.third).then().statusCode(jsonStatus);
            if (accept.equals(SVG)) {
                get(intruder, SVG, TREND, rounds.team).then().statusCode(404);
                get(member, SVG, TREND, rounds.team).then().statusCode(403);
                get(otherLead, SVG, TREND, rounds.team).then()
                        .statusCode(Api.as(otherLead).get(TREND, rounds.team).statusCode());
            }
        }
    }

    @Test
    void aRoundBelowTheThresholdDrawsNoScore() throws Exception {
        Api.as(rounds.admin).get(PROFILE, rounds.second).then().body("status", equalTo("suppressed"));
        String svg = get(rounds.hr, SVG, PROFILE, rounds.second).then().statusCode(200).extract().asString();
        Document doc = xml(svg);
        assertThat(doc.getElementsByTagName("circle").getLength()).isZero();
        assertThat(svg).doesNotContain("data-score").doesNotContain("class=\"scores\"")
                .doesNotContain("interval-band").contains("No scores: 4 responses, threshold 5");
        NodeList groups = doc.getElementsByTagName("g");
        int suppressed = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            if ("suppressed".equals(((Element) groups.item(i)).getAttribute("data-status"))) {
                suppressed++;
            }
        }
        assertThat(suppressed).isEqualTo(8);

        String html = get(rounds.hr, HTML, PROFILE, rounds.second).then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("Metrics beside", "Norm gap", "Top recommendations").contains("No figures");
        // Its radar has no point (the trend beside it shows the first round's published score, and no point of its own).
        String radar = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertThat(radar).contains("class=\"radar\"").doesNotContain("data-score", "<circle");
        assertThat(html).doesNotContain("data-round=\"" + rounds.second + "\" data-score");
        // The third round's report shows the second in its trend as suppressed, with no point.
        String report = get(rounds.hr, HTML, PROFILE, rounds.third).then().statusCode(200).extract().asString();
        assertThat(report).contains("data-round=\"" + rounds.second + "\" data-status=\"suppressed\"")
                .doesNotContain("data-round=\"" + rounds.second + "\" data-score");
    }

    @Test
    void theTrendIsALineChartOfThePublishedScoresOnly() throws Exception {
        JsonPath json = Api.as(rounds.lead).get(TREND, rounds.team).then().statusCode(200).extract().jsonPath();
        String svg = get(rounds.lead, SVG, TREND, rounds.team).then().statusCode(200).contentType(startsWith(SVG))
                .extract().asString();
        Document doc = xml(svg);
        NodeList circles = doc.getElementsByTagName("circle");
        List<String> plotted = new ArrayList<>();
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            if (c.getAttribute("data-series").equals("overall")) {
                plotted.add(c.getAttribute("data-round") + "=" + c.getAttribute("data-score"));
            }
            assertThat(c.getAttribute("data-round")).isNotEqualTo(rounds.second);
        }
        assertThat(plotted).containsExactly(rounds.first + "=" + trimmed(number(json.get("rounds[0].score"))),
                rounds.third + "=" + trimmed(number(json.get("rounds[2].score"))));
        assertThat(json.getString("rounds[1].status")).isEqualTo("suppressed");
        assertThat(svg).contains("data-round=\"" + rounds.second + "\" data-status=\"suppressed\"");
        assertThat(doc.getElementsByTagName("desc").item(0).getTextContent()).contains("Round 2", "suppressed");
    }

    /** JSON numbers as the JSON writes them (REST Assured reads them as floats). */
    static double number(Object value) {
        return Double.parseDouble(value.toString());
    }

    static String trimmed(double value) {
        return SvgWriter.num(value);
    }

    @Test
    void theReportIsOnePageOfHtmlWithItsOwnStyleAdmittedByHashAndNoScript() throws Exception {
        Response page = get(rounds.lead, HTML, PROFILE, rounds.third);
        page.then().statusCode(200).contentType(startsWith(HTML));
        String html = page.asString();
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.header("Content-Security-Policy")).contains("style-src 'sha256-" + hash + "'")
                .contains("default-src 'none'").doesNotContain("unsafe-inline").doesNotContain("script-src");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("<script", "<link", "http://", "https://", "src=", "url(");
        // The team's name is text, never markup.
        assertThat(html).contains("Payments &lt;&amp;&gt; &quot;Core&quot;").doesNotContain("Payments <&>");
        assertThat(html).contains("@page { size: A4", "Top recommendations", "Run a meeting audit", "Norm gap",
                "no like-for-like figure", "suppressed (0 answered)");
        // One data table beside each chart.
        assertThat(html).contains("<table class=\"data dimensions\">", "<table class=\"data trend\">");
    }
}
