package app.asynchealth.answering;

import static app.asynchealth.support.HeadlessChromium.assertAccessible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import app.asynchealth.support.Api;
import app.asynchealth.support.HeadlessChromium;
import app.asynchealth.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The member's journey in a real browser (Debian's headless Chromium, 375 px wide), by keyboard only, with JavaScript
 * on and off. Skipped only where /usr/bin/chromedriver is not installed.
 */
@QuarkusTest
class AnswerPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    String tenant;
    String team;
    String assessment;

    @BeforeEach
    void openRound() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "chromium-driver is not installed");
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Browser");
        Api.newMember(tenant, team, Map.of("externalId", "m1"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
    }

    private String code() {
        return Api.invite(tenant, assessment).getString("issued[0].code");
    }

    private void journey(WebDriver driver, String code, String screenshot) throws IOException {
        driver.get(root + "respond?code=" + code);
        WebElement start = driver.findElement(By.cssSelector("button.primary"));
        HeadlessChromium.pressToNextPage(driver, start);
        assertThat(driver.getCurrentUrl()).endsWith("/respond/" + assessment).doesNotContain(code);

        // A radio group is one tab stop (its first option while none is checked); an arrow key moves and checks.
        HeadlessChromium.tabTo(driver, driver.findElement(By.id("q-role-ic")));
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q-role-people-manager");
        WebElement hours = driver.findElement(By.id("q-focus-hours"));
        HeadlessChromium.tabTo(driver, hours);
        driver.switchTo().activeElement().sendKeys("900");
        WebElement save = driver.findElement(By.cssSelector("button[value=save]"));
        HeadlessChromium.pressToNextPage(driver, save);

        // The range is checked by the service: the message sits at the field, and the sent values are shown again.
        WebElement error = driver.findElement(By.id("q-focus-hours-error"));
        assertThat(error.getText()).isEqualTo("Enter a number from 0 to 80.");
        assertThat(driver.findElement(By.id("q-focus-hours")).getAttribute("aria-describedby"))
                .contains("q-focus-hours-error");
        WebElement field = driver.findElement(By.id("q-focus-hours"));
        field.clear();
        field.sendKeys("12");
        HeadlessChromium.pressToNextPage(driver, driver.findElement(By.cssSelector("button[value=save]")));
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Your draft was saved.");
        assertThat(driver.findElement(By.id("q-role-people-manager")).isSelected()).isTrue();
        HeadlessChromium.screenshot(driver, screenshot);
    }

    @Test
    void aMemberAnswersByKeyboardAt375PixelsWithJavaScript() throws IOException {
        WebDriver driver = HeadlessChromium.open(true);
        try {
            journey(driver, code(), "answer-page-375.png");
            // Nothing is wider than the 375 px screen.
            JavascriptExecutor page = (JavascriptExecutor) driver;
            assertThat((Long) page.executeScript("return window.innerWidth")).isEqualTo(375L);
            assertThat((Long) page.executeScript("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(375L);
            // The script (the service's own) showed the closing time in the reader's own terms.
            assertThat(driver.findElement(By.tagName("time")).getText()).doesNotContain("UTC");
        } finally {
            driver.quit();
        }
    }

    @Test
    void everyPageOfTheJourneyPassesAxeAtWcag22AA() throws IOException {
        WebDriver driver = HeadlessChromium.open(true);
        try {
            String code = code();
            driver.get(root + "respond?code=" + code);
            assertAccessible(driver, "the start page");
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button.primary")).click());
            assertAccessible(driver, "the round's questions");
            WebElement hours = driver.findElement(By.id("q-focus-hours"));
            hours.sendKeys("900");
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button[value=save]")).click());
            assertThat(driver.findElement(By.id("q-focus-hours-error")).isDisplayed()).isTrue();
            assertAccessible(driver, "the questions with a field error");
            driver.get(root + "respond?code=" + code);
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button.primary")).click());
            assertAccessible(driver, "the page after a second start");
            driver.get(root + "respond?code=" + tenant + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button.primary")).click());
            assertAccessible(driver, "the page for an unknown code");
        } finally {
            driver.quit();
        }
    }

    @Test
    void aMemberAnswersWithJavaScriptOff() throws IOException {
        WebDriver driver = HeadlessChromium.open(false);
        try {
            journey(driver, code(), "answer-page-375-no-js.png");
            assertThat(driver.findElement(By.tagName("time")).getText()).endsWith("UTC");
        } finally {
            driver.quit();
        }
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/invitations", assessment)
                .then().body("items[0].status", equalTo("claimed"));
    }

    /**
     * In German (the browser asks for de-CH), another tab's change meets a notice, and Withdraw asks first: the
     * confirmation is reached, left ("Keep my answer") and confirmed by keyboard, and axe finds nothing serious there.
     */
    @Test
    void inGermanAChangeFromAnotherTabIsNoticedAndWithdrawAsksFirst() throws IOException {
        ChromeDriver driver = (ChromeDriver) HeadlessChromium.open(true);
        try {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("Accept-Language", "de-CH,de;q=0.9,en;q=0.5")));
            driver.get(root + "respond?code=" + code());
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button.primary")).click());
            driver.findElement(By.id("q-role-ic")).click();
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button[value=save]")).click());
            assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Ihr Entwurf wurde gespeichert.");

            // Another tab (here the API, with this browser's credential) changes the answer; this tab's save is kept out.
            String credential = driver.manage().getCookieNamed("ah-respondent").getValue();
            Api.as(credential).body(Map.of("answers", Map.of("role", "leadership"), "submitted", false))
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(200);
            driver.findElement(By.id("q-focus-hours")).sendKeys("12");
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button[value=save]")).click());
            WebElement conflict = driver.findElement(By.id("conflict"));
            assertThat(conflict.getAttribute("role")).isEqualTo("alert");
            assertThat(conflict.getText()).contains("in einem anderen Tab oder Fenster");
            assertThat(driver.findElement(By.id("q-focus-hours")).getAttribute("value")).isEqualTo("12");
            assertAccessible(driver, "the notice of a change in another tab");

            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("form.withdraw button")).click());
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Ihre Antwort zurückziehen?");
            assertAccessible(driver, "the withdrawal's confirmation");
            HeadlessChromium.pressToNextPage(driver, driver.findElement(By.linkText("Meine Antwort behalten")));
            assertThat(driver.findElement(By.id("q-role-leadership")).isSelected()).isTrue();

            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("form.withdraw button")).click());
            HeadlessChromium.pressToNextPage(driver, driver.findElement(By.cssSelector("button[value=withdraw-confirmed]")));
            assertThat(driver.findElement(By.cssSelector(".notice")).getText())
                    .isEqualTo("Ihre Antwort wurde zurückgezogen und gelöscht.");
            Api.as(credential).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(404);
        } finally {
            driver.quit();
        }
    }
}
