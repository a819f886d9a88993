package app.asynchealth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import app.asynchealth.support.HeadlessChromium;

/**
 * A member's browser on the answer page, signing in through Keycloak's own login form: Debian's headless Chromium
 * through its ChromeDriver, set up as AnswerPageBrowserTest sets it up (nothing downloaded).
 */
final class AnswerPageSignIn implements AutoCloseable {

    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String CHROMIUM = "/usr/bin/chromium";
    static final String SESSION_COOKIE = "q_session_keycloak-web";

    final ChromeDriver driver;
    private final String root;

    AnswerPageSignIn(String root) throws IOException {
        this.root = root.endsWith("/") ? root : root + "/";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=375,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    /** From the answer page's start, "Sign in with your account", Keycloak's login form, back to the own rounds. */
    void signIn(String username, String password) {
        driver.get(root + "respond");
        HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("a[href$='login']")).click());
        assertThat(driver.getCurrentUrl()).as("Keycloak's login page").contains("/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256");
        driver.findElement(By.id("username")).sendKeys(username);
        // With organizations on, Keycloak's login asks for the username first and for the password on a next page.
        if (driver.findElements(By.id("password")).isEmpty()) {
            HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.id("kc-login")).click());
        }
        driver.findElement(By.id("password")).sendKeys(password);
        HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.id("kc-login")).click());
        if (!driver.getCurrentUrl().endsWith("/respond/mine")) {
            // What the browser shows instead, for whoever reads the failure.
            try {
                Files.writeString(Path.of("target", "sign-in-failure.html"), driver.getPageSource());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(driver.getCurrentUrl()).as("back on the own rounds (else see target/sign-in-failure.html)")
                .endsWith("/respond/mine");
    }

    WebDriver driver() {
        return driver;
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** Answers every question with a valid value (the first option, a number field's minimum) and presses a button. */
    void answerAll(String button) {
        Set<String> groups = new LinkedHashSet<>();
        for (WebElement option : driver.findElements(By.cssSelector("form.answers input[type=radio], "
                + "form.answers input[type=checkbox]"))) {
            if (groups.add(option.getAttribute("name")) && !option.isSelected()) {
                ((JavascriptExecutor) driver).executeScript("arguments[0].click()", option);
            }
        }
        for (WebElement number : driver.findElements(By.cssSelector("form.answers input[type=number]"))) {
            number.clear();
            number.sendKeys(number.getAttribute("min"));
        }
        HeadlessChromium.toNextPage(driver, () -> driver.findElement(By.cssSelector("button[value=" + button + "]")).click());
    }

    /** The page's session cookie, or its first chunk when quarkus-oidc split it. */
    List<Cookie> sessionCookies() {
        return driver.manage().getCookies().stream().filter(cookie -> cookie.getName().startsWith(SESSION_COOKIE))
                .toList();
    }

    String scriptVisibleCookies() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.cookie"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
