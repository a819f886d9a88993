package app.asynchealth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (nothing is downloaded at run time), as a phone shows
 * pages: 375 px wide. Each browser has a profile of its own, so two browsers share no cookie.
 */
public final class HeadlessChromium {

    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CHROMIUM = "/usr/bin/chromium";

    private HeadlessChromium() {
    }

    /** Whether chromium-driver is installed (.ci/run installs it). */
    public static boolean installed() {
        return CHROMEDRIVER.canExecute();
    }

    public static WebDriver open(boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=375,1000",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // A desktop window is at least 500 px wide: a phone's viewport is emulated instead.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 900, "deviceScaleFactor", 1, "mobile", true));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    /** Tabs from the page's start until the element has the focus; fails if it is not reachable by keyboard. */
    public static void tabTo(WebDriver driver, WebElement target) {
        WebElement body = driver.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        for (int i = 0; i < 200; i++) {
            if (driver.switchTo().activeElement().equals(target)) {
                return;
            }
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("not reachable by Tab: " + target);
    }

    /**
     * Runs {@code action} (a click or a key that sends a form or follows a link) and returns once the next page has
     * replaced this one. Without it, an element both pages have (the heading, a field) can still be found on the old
     * page: it is then stale when read, or wrongly the old one.
     */
    public static void toNextPage(WebDriver driver, Runnable action) {
        WebElement page = driver.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ignored -> replaced(page));
    }

    /** Whether the element's document is gone (what Selenium's stalenessOf asks, knowing ChromeDriver 156's answer). */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            // ChromeDriver 156 sometimes reports an element of a document just replaced so, not as stale.
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Presses Enter on the element (a form's button, a link), reached by Tab, and waits for the next page. */
    public static void pressToNextPage(WebDriver driver, WebElement target) {
        toNextPage(driver, () -> pressByKeyboard(driver, target));
    }

    /** Reaches the element by Tab and presses Enter on it. */
    public static void pressByKeyboard(WebDriver driver, WebElement target) {
        tabTo(driver, target);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    }

    /** WCAG 2.2 AA as axe-core checks it: no serious or critical violation on the page the browser shows. */
    public static void assertAccessible(WebDriver driver, String page) {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(driver);
        assertThat(results.isErrored()).as("axe ran on %s: %s", page, results.getErrorMessage()).isFalse();
        List<String> violations = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
        assertThat(violations).as("serious or critical accessibility violations on %s", page).isEmpty();
        assertThat(results.getPasses()).as("rules axe checked on %s", page).isNotEmpty();
    }

    /** Keeps what the browser shows as target/&lt;name&gt;, a test artifact. */
    public static Path screenshot(WebDriver driver, String name) {
        Path target = Path.of("target", name);
        try {
            Files.createDirectories(target.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
