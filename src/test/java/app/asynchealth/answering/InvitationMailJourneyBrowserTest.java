package app.asynchealth.answering;

import static app.asynchealth.support.HeadlessChromium.pressToNextPage;
import static app.asynchealth.support.HeadlessChromium.screenshot;
import static app.asynchealth.support.HeadlessChromium.tabTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import app.asynchealth.support.Api;
import app.asynchealth.support.HeadlessChromium;
import app.asynchealth.support.MailServerResource;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The member's whole journey as it happens: the invitation e-mail that the mail server (GreenMail) received, its
 * link opened in Debian's headless Chromium, the questions answered by keyboard only, a draft, a submission, a change
 * made on coming back, a forged form refused, the code found used in another browser, and the round closed. Once
 * with JavaScript on and once with it off.
 */
@QuarkusTest
@TestProfile(InvitationMailJourneyBrowserTest.PublicAddress.class)
class InvitationMailJourneyBrowserTest {

    /**
     * The mail's link is built from {@code async-health.public-url}, so the service listens on a port known before it
     * starts (the other tests' port is chosen by the OS when the service binds).
     */
    public static class PublicAddress implements QuarkusTestProfile {

        static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", Integer.toString(PORT),
                    "async-health.public-url", "http://localhost:" + PORT);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/respond\\?code=\\S+)");

    String tenant;
    String assessment;
    String address;

    @BeforeEach
    void invitedByMail() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "chromium-driver is not installed");
        tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Mail journey");
        address = "member-" + UUID.randomUUID() + "@example.com";
        String member = Api.newMember(tenant, team, Map.of("email", address, "displayName", "Robin"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        Api.as(Tokens.tenantAdmin(tenant)).body(Map.of("memberIds", List.of(member)))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                .body("issued[0].delivery", equalTo("email")).body("issued[0].code", nullValue());
    }

    @ParameterizedTest(name = "JavaScript on: {0}")
    @ValueSource(booleans = { true, false })
    void aMemberAnswersFromTheInvitationMailAndChangesTheirAnswerUntilTheRoundCloses(boolean javascript)
            throws Exception {
        String link = linkInTheMailTo(address);
        assertThat(link).startsWith("http://localhost:" + PublicAddress.PORT + "/respond?code=");
        String suffix = javascript ? "" : "-no-js";
        WebDriver member = HeadlessChromium.open(javascript);
        try {
            member.get(link);
            assertThat(member.findElement(By.tagName("h1")).getText()).isEqualTo("Your invitation");
            pressToNextPage(member, member.findElement(By.cssSelector("button.primary")));
            String roundPage = "http://localhost:" + PublicAddress.PORT + "/respond/" + assessment;
            assertThat(member.getCurrentUrl()).isEqualTo(roundPage);

            // Every required question, by keyboard: Space checks a radio button or a box, numbers and text are typed.
            answerEveryRequiredQuestion(member, "10");
            pressToNextPage(member, member.findElement(By.cssSelector("button[value=save]")));
            assertThat(member.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Your draft was saved.");
            assertThat(ownResponse(member).getString("status")).isEqualTo("draft");

            pressToNextPage(member, member.findElement(By.cssSelector("button[value=submit]")));
            assertThat(member.findElement(By.cssSelector(".notice")).getText())
                    .isEqualTo("Your answers were submitted. Thank you!");
            assertThat(ownResponse(member).getString("status")).isEqualTo("submitted");
            screenshot(member, "mail-journey-submitted" + suffix + ".png");

            // Later, from the same browser: the submitted answers are there to change.
            member.get("about:blank");
            member.get(roundPage);
            WebElement hours = member.findElement(By.id("q-focus-hours"));
            assertThat(hours.getAttribute("value")).isEqualTo("10");
            tabTo(member, hours);
            member.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "8");
            pressToNextPage(member, member.findElement(By.cssSelector("button[value=submit]")));
            assertThat(member.findElement(By.id("q-focus-hours")).getAttribute("value")).isEqualTo("8");
            assertThat(ownResponse(member).getDouble("answers.focus-hours")).isEqualTo(8.0);

            // A form that does not come from the page (a cross-site post arrives without the SameSite=Strict form
            // cookie) is refused with a page that says so, and nothing is stored.
            member.manage().deleteCookieNamed("csrf-token");
            hours = member.findElement(By.id("q-focus-hours"));
            tabTo(member, hours);
            member.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), "3");
            pressToNextPage(member, member.findElement(By.cssSelector("button[value=submit]")));
            assertThat(member.findElement(By.tagName("h1")).getText()).isEqualTo("The form could not be accepted");
            assertAccessible(member, "the refused form", javascript);
            assertThat(ownResponse(member).getDouble("answers.focus-hours")).isEqualTo(8.0);
            member.get(roundPage); // the page makes a new form token and carries on
            assertThat(member.findElement(By.id("q-focus-hours")).getAttribute("value")).isEqualTo("8");

            // The link, opened in another browser (someone who saw the mail), finds the code used.
            WebDriver other = HeadlessChromium.open(javascript);
            try {
                other.get(link);
                pressToNextPage(other, other.findElement(By.cssSelector("button.primary")));
                assertThat(other.findElement(By.tagName("h1")).getText())
                        .isEqualTo("This code does not open a round");
                assertThat(other.manage().getCookieNamed("ah-respondent")).isNull();
                assertAccessible(other, "a used code", javascript);
                screenshot(other, "mail-journey-used-code" + suffix + ".png");
            } finally {
                other.quit();
            }

            Api.close(tenant, assessment);
            member.get(roundPage);
            assertThat(member.findElement(By.tagName("h1")).getText()).isEqualTo("This round has closed");
            assertThat(member.findElements(By.cssSelector("form.answers"))).isEmpty();
            assertAccessible(member, "the closed round", javascript);
            screenshot(member, "mail-journey-closed" + suffix + ".png");
        } finally {
            member.quit();
        }
    }

    /** axe-core needs scripts; with them off, the same pages were checked in the run with them on. */
    private static void assertAccessible(WebDriver driver, String page, boolean javascript) {
        if (javascript) {
            HeadlessChromium.assertAccessible(driver, page);
        }
    }

    private static void answerEveryRequiredQuestion(WebDriver driver, String number) {
        for (WebElement question : driver.findElements(By.cssSelector(".question"))) {
            if (!question.getText().contains("(required)")) {
                continue;
            }
            List<WebElement> choices = question.findElements(By.cssSelector("input[type=radio], input[type=checkbox]"));
            WebElement field = choices.isEmpty()
                    ? question.findElement(By.cssSelector("input[type=number], textarea"))
                    : choices.get(0);
            tabTo(driver, field);
            WebElement focused = driver.switchTo().activeElement();
            if (!choices.isEmpty()) {
                focused.sendKeys(Keys.SPACE);
                assertThat(field.isSelected()).as("checked by Space: %s", field.getAttribute("id")).isTrue();
            } else {
                focused.sendKeys("textarea".equals(field.getTagName()) ? "Written agendas help." : number);
            }
        }
    }

    /** The member's response as the API gives it to the credential this browser holds (and only it holds). */
    private static JsonPath ownResponse(WebDriver driver) {
        Cookie credential = driver.manage().getCookieNamed("ah-respondent");
        assertThat(credential).as("the respondent credential cookie").isNotNull();
        assertThat(credential.isHttpOnly()).isTrue();
        String assessment = driver.getCurrentUrl().replaceAll(".*/respond/([0-9a-f-]{36}).*", "$1");
        return Api.as(credential.getValue()).get("/api/v1/assessments/{id}/response", assessment).then()
                .statusCode(200).extract().jsonPath();
    }

    /**
     * The invitation mail to this address (sent before the invitation call answered) and its link, read as a mail
     * client shows the text.
     */
    private static String linkInTheMailTo(String address) throws Exception {
        MimeMessage mail = Arrays.stream(MailServerResource.server().getReceivedMessages())
                .filter(message -> address.equals(recipient(message))).findFirst()
                .orElseThrow(() -> new AssertionError("no invitation mail reached the mail server for the member"));
        assertThat(mail.getSubject()).isEqualTo("You are invited: Round");
        String text = new String(mail.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("Hello Robin,").contains("Answer in your browser").contains("Press Start there");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a link in the mail").isTrue();
        return link.group(1);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
