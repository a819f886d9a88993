package app.asynchealth.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

import app.asynchealth.report.svg.RadarChart;
import app.asynchealth.support.Api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The printable report and the radar in a real browser (Debian's headless Chromium, as AnswerPageBrowserTest drives
 * it; no driver is downloaded): the bearer token goes with every request through DevTools' extra headers, as an API
 * client would send it. The points the browser plots are read back from its SVG DOM and held against the JSON's
 * numbers; the report prints to exactly one A4 page; axe-core finds no serious or critical violation. Screenshots and
 * the PDF are left in target/. Skipped only where /usr/bin/chromedriver is not installed.
 */
@QuarkusTest
class ProfileReportBrowserTest {

    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CHROMIUM = "/usr/bin/chromium";

    static ReportRounds rounds;

    @TestHTTPResource("/")
    URL root;

    ChromeDriver driver;

    @BeforeEach
    void browser() throws IOException {
        Assumptions.assumeTrue(CHROMEDRIVER.canExecute(), "chromium-driver is not installed");
        if (rounds == null) {
            // Made once for the class, on the first test (REST Assured knows the test port only then).
            rounds = new ReportRounds();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=900,1300",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        driver.executeCdpCommand("Network.enable", Map.of());
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Every request of the page carries these headers (DevTools), as a browser cannot send a bearer token itself. */
    private void headers(String token) {
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Bearer " + token)));
    }

    private String url(String assessment) {
        return root + "api/v1/assessments/" + assessment + "/profile";
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> plotted(String selector) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll(arguments[0])).map(c => ({
                  dimension: c.dataset.dimension, score: Number(c.dataset.score),
                  cx: c.cx.baseVal.value, cy: c.cy.baseVal.value }));""", selector);
    }

    private void screenshot(String file) throws IOException {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path target = Path.of("target", file);
        Files.createDirectories(target.getParent());
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The browser's points are where the JSON's scores belong: axis k of n, at score/100 of the radius. */
    private void pointsMatchTheJson(List<Map<String, Object>> points, JsonPath json) {
        List<Map<String, Object>> dimensions = json.getList("dimensions");
        assertThat(points).hasSize(dimensions.size());
        for (int k = 0; k < dimensions.size(); k++) {
            Map<String, Object> d = dimensions.get(k);
            Map<String, Object> point = points.get(k);
            double score = ProfilePicturesTest.number(d.get("score"));
            double angle = -Math.PI / 2 + 2 * Math.PI * k / dimensions.size();
            assertThat(point.get("dimension")).isEqualTo(d.get("key"));
            assertThat(((Number) point.get("score")).doubleValue()).isEqualTo(score);
            assertThat(((Number) point.get("cx")).doubleValue()).as("x of %s", d.get("key")).isCloseTo(
                    RadarChart.CX + RadarChart.RADIUS * score / 100 * Math.cos(angle),
                    offset(0.01));
            assertThat(((Number) point.get("cy")).doubleValue()).as("y of %s", d.get("key")).isCloseTo(
                    RadarChart.CY + RadarChart.RADIUS * score / 100 * Math.sin(angle),
                    offset(0.01));
        }
    }

    @Test
    void theReportShowsTheJsonsNumbersFitsOneA4PageAndPassesAxe() throws IOException {
        JsonPath json = Api.as(rounds.lead).get("/api/v1/assessments/{id}/profile", rounds.third).then()
                .statusCode(200).extract().jsonPath();
        headers(rounds.lead);
        driver.get(url(rounds.third));
        assertThat(driver.getTitle()).startsWith("Async-health profile – Payments <&> \"Core\"");
        JavascriptExecutor page = driver;
        // The style element ran: the content security policy admitted it by its hash.
        assertThat(page.executeScript("return getComputedStyle(document.querySelector('.columns')).display"))
                .isEqualTo("grid");
        assertThat(page.executeScript("return document.scripts.length")).isEqualTo(0L);

        pointsMatchTheJson(plotted("svg.radar circle[data-dimension]"), json);
        // The trend: the suppressed second round has no point, and its column says so.
        assertThat(plotted("svg.trend circle[data-round='" + rounds.second + "']")).isEmpty();
        assertThat(page.executeScript("return document.querySelector(\"svg.trend [data-round='" + rounds.second
                + "'][data-status='suppressed']\") !== null")).isEqualTo(true);
        assertThat(plotted("svg.trend circle")).hasSize(2);
        // The data table beside the radar says what the chart shows, score by score.
        String table = driver.findElement(By.cssSelector("table.dimensions")).getText();
        for (Map<String, Object> d : json.<Map<String, Object>>getList("dimensions")) {
            assertThat(table).contains(String.format(Locale.ROOT, "%.1f", ProfilePicturesTest.number(d.get("score"))));
        }
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 900, "height", 1300, "deviceScaleFactor", 1, "mobile", false));
        screenshot("profile-report.png");

        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(driver);
        assertThat(results.isErrored()).as("axe ran: %s", results.getErrorMessage()).isFalse();
        List<String> violations = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
        assertThat(violations).as("serious or critical accessibility violations on the report").isEmpty();
        assertThat(results.getPasses()).isNotEmpty();

        Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27,
                "paperHeight", 11.69, "printBackground", true, "preferCSSPageSize", true));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        Files.write(Path.of("target", "profile-report.pdf"), bytes);
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).as("pages of the printed report").isEqualTo(1);
            PDRectangle size = document.getPage(0).getMediaBox();
            // A4 is 595 × 842 points.
            assertThat(size.getWidth()).isCloseTo(595f, offset(2f));
            assertThat(size.getHeight()).isCloseTo(842f, offset(2f));
        }
    }

    /**
     * The SVG alone, as a client that asked for image/svg+xml receives it. A browser's navigation always asks for HTML
     * first (DevTools' extra headers do not replace its Accept), so the bytes are fetched with the token and opened as
     * a document of their own type; the radar has no links, so nothing is lost.
     */
    private void openSvg(String token, String assessment) {
        byte[] svg = Api.as(token).accept("image/svg+xml").get("/api/v1/assessments/{id}/profile", assessment).then()
                .statusCode(200).extract().asByteArray();
        driver.get("data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg));
        assertThat(((JavascriptExecutor) driver).executeScript("return document.contentType"))
                .isEqualTo("image/svg+xml");
    }

    @Test
    void theRadarAloneShowsTheJsonsNumbersAndASuppressedRoundDrawsNone() throws IOException {
        JsonPath json = Api.as(rounds.hr).get("/api/v1/assessments/{id}/profile", rounds.third).then()
                .statusCode(200).extract().jsonPath();
        openSvg(rounds.hr, rounds.third);
        pointsMatchTheJson(plotted("circle[data-dimension]"), json);
        screenshot("profile-radar.png");

        openSvg(rounds.hr, rounds.second);
        assertThat(plotted("circle")).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('[data-status=suppressed]').length")).isEqualTo(8L);
        assertThat(((JavascriptExecutor) driver).executeScript("return document.documentElement.textContent"))
                .asString().contains("No scores: 4 responses, threshold 5");
        screenshot("profile-radar-suppressed.png");

        headers(rounds.hr);
        driver.get(url(rounds.second));
        assertThat(plotted("svg.radar circle")).isEmpty();
        assertThat(driver.findElement(By.cssSelector("svg.radar")).getText())
                .contains("suppressed");
        assertThat(driver.getPageSource()).contains("No figures");
    }
}
