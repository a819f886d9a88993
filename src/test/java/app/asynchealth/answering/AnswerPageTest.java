package app.asynchealth.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.Cookie;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The answer page driven as a browser without JavaScript drives it: real HTTP, cookies kept and sent by path as a
 * browser would, forms sent with the token found on the page. What the pages save is checked through the API, with
 * the credential the browser was given.
 */
@QuarkusTest
class AnswerPageTest {

    static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]*)\"");

    String tenant;
    String admin;
    String team;
    String assessment;

    @BeforeEach
    void openRound() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Pages");
        Api.newMember(tenant, team, Map.of("externalId", "m1"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
    }

    /** A browser's cookie jar and its way of following a form: enough of one for plain HTML forms. */
    static final class Browser {
        final Map<String, Cookie> jar = new LinkedHashMap<>();
        String lastPage = "";
        /** The browser's Accept-Language; none when null. */
        String language;

        RequestSpecification request(String target) {
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            RequestSpecification request = RestAssured.given()
                    .config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                    .accept("text/html");
            if (language != null) {
                request.header("Accept-Language", language);
            }
            for (Cookie cookie : jar.values()) {
                String cookiePath = cookie.getPath() == null ? "/" : cookie.getPath();
                if (path.equals(cookiePath) || path.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/")) {
                    request.cookie(cookie.getName(), cookie.getValue());
                }
            }
            return request;
        }

        Response keep(Response response) {
            for (Cookie cookie : response.getDetailedCookies().asList()) {
                if (cookie.getMaxAge() == 0) {
                    jar.remove(cookie.getName() + cookie.getPath());
                } else {
                    jar.put(cookie.getName() + cookie.getPath(), cookie);
                }
            }
            if (response.contentType() != null && response.contentType().startsWith("text/html")) {
                lastPage = response.asString();
            }
            return response;
        }

        Response get(String path) {
            return keep(request(path).get(path.contains("?") ? path : path));
        }

        Response post(String path, Map<String, ?> form) {
            RequestSpecification request = request(path).contentType("application/x-www-form-urlencoded; charset=UTF-8");
            form.forEach((name, value) -> {
                if (value instanceof List<?> list) {
                    list.forEach(item -> request.formParam(name, item));
                } else {
                    request.formParam(name, value);
                }
            });
            return keep(request.post(path));
        }

        /** The form token of the page last shown. */
        String csrf() {
            Matcher matcher = CSRF.matcher(lastPage);
            assertThat(matcher.find()).as("the page has a form token").isTrue();
            return matcher.group(1);
        }

        /** The version of the response the page last shown was made from ("" for none), or null without forms. */
        String version() {
            return version(lastPage);
        }

        static String version(String page) {
            Matcher matcher = VERSION.matcher(page);
            return matcher.find() ? matcher.group(1) : null;
        }

        Cookie cookie(String name) {
            return jar.values().stream().filter(cookie -> cookie.getName().equals(name)).findFirst().orElse(null);
        }

        String credential() {
            return cookie("ah-respondent").getValue();
        }
    }

    private String code() {
        return Api.invite(tenant, assessment).getString("issued[0].code");
    }

    /** Opens the mail's link and presses Start: the browser then shows the round's page. */
    private Browser claimed(String code) {
        Browser browser = new Browser();
        browser.get("/respond?code=" + code).then().statusCode(200);
        Response claim = browser.post("/respond/claim", Map.of("code", code, "csrf-token", browser.csrf()));
        claim.then().statusCode(303);
        assertThat(claim.header("Location")).isEqualTo(assessment);
        browser.get("/respond/" + assessment).then().statusCode(200);
        return browser;
    }

    /** The form of the page the browser shows last, as it sends it: its token, its version, these answers. */
    private Map<String, Object> form(Browser browser, String action, Map<String, Object> answers) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("csrf-token", browser.csrf());
        if (browser.version() != null) {
            form.put("version", browser.version());
        }
        form.put("action", action);
        answers.forEach((key, value) -> form.put("q." + key, value));
        return form;
    }

    private Response ownResponse(Browser browser) {
        return Api.as(browser.credential()).get("/api/v1/assessments/{id}/response", assessment);
    }

    private void assertPageHeaders(Response response) {
        assertThat(response.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    /** Every required question answered validly, from the template itself. */
    private Map<String, Object> allRequired(JsonPath template) {
        Map<String, Object> answers = new LinkedHashMap<>();
        List<Map<String, Object>> questions = template.getList("questions");
        for (Map<String, Object> question : questions) {
            if (!Boolean.TRUE.equals(question.get("required"))) {
                continue;
            }
            String key = (String) question.get("key");
            switch ((String) question.get("type")) {
                case "single-choice" -> answers.put(key, ((List<Map<String, Object>>) question.get("choices")).get(0).get("key"));
                case "likert-5" -> answers.put(key, "4");
                case "number" -> answers.put(key, String.valueOf(question.get("min")));
                case "percent" -> answers.put(key, "35");
                default -> answers.put(key, "some text");
            }
        }
        return answers;
    }

    private JsonPath template() {
        return Api.as(admin).get("/api/v1/templates/async-health/versions/1").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theStartPageClaimsNothingAndKeepsAClaimKeyInAnHttpOnlyCookie() {
        String code = code();
        Browser browser = new Browser();
        Response start = browser.get("/respond?code=" + code);
        start.then().statusCode(200).contentType("text/html");
        assertPageHeaders(start);
        Cookie key = browser.cookie("ah-claim-key");
        assertThat(key.isHttpOnly()).isTrue();
        assertThat(key.getPath()).isEqualTo("/respond");
        assertThat(key.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(key.getValue()).matches("[A-Za-z0-9_-]{43}");
        Cookie csrf = browser.cookie("csrf-token");
        assertThat(csrf.isHttpOnly()).isTrue();
        assertThat(csrf.getPath()).isEqualTo("/respond");
        assertThat(start.asString()).contains("name=\"code\" value=\"" + code + "\"").contains("<form method=\"post\"");
        // A GET (a mail scanner's, say) claims nothing.
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.status", equalTo(List.of("pending")));
        // Opened again, the browser keeps its key.
        browser.get("/respond?code=" + code).then().statusCode(200);
        assertThat(browser.cookie("ah-claim-key").getValue()).isEqualTo(key.getValue());
    }

    @Test
    void theClaimSetsTheCredentialForTheRoundsPageOnlyAndRedirectsWithoutTheCode() {
        String code = code();
        Browser browser = new Browser();
        browser.get("/respond?code=" + code);
        Response claim = browser.post("/respond/claim", Map.of("code", code, "csrf-token", browser.csrf()));
        claim.then().statusCode(303);
        assertPageHeaders(claim);
        assertThat(claim.header("Location")).isEqualTo(assessment).doesNotContain(code);
        Cookie credential = browser.cookie("ah-respondent");
        assertThat(credential.isHttpOnly()).isTrue();
        assertThat(credential.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(credential.getPath()).isEqualTo("/respond/" + assessment);
        assertThat(credential.isSecured()).isFalse(); // plain http here; Secure over https
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.status", equalTo(List.of("claimed")));
        // The credential answers through the API too: it is the member's own.
        Api.as(credential.getValue()).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(404);
    }

    @Test
    void theRoundsPageAsksEveryQuestionOfTheTemplateInItsWording() {
        Browser browser = claimed(code());
        Response page = browser.get("/respond/" + assessment);
        page.then().statusCode(200).contentType("text/html");
        assertPageHeaders(page);
        String html = page.asString();
        JsonPath template = template();
        List<Map<String, Object>> questions = template.getList("questions");
        for (Map<String, Object> question : questions) {
            String key = (String) question.get("key");
            String text = ((String) question.get("text")).replace("'", "&#39;").replace("\"", "&quot;");
            assertThat(html).as(key).contains(text);
            switch ((String) question.get("type")) {
                case "single-choice" -> {
                    for (Map<String, Object> choice : (List<Map<String, Object>>) question.get("choices")) {
                        assertThat(html).contains("type=\"radio\" id=\"q-" + key + "-" + choice.get("key")
                                + "\" name=\"q." + key + "\" value=\"" + choice.get("key") + "\"");
                    }
                }
                case "multi-choice" -> assertThat(html).contains("type=\"checkbox\" id=\"q-" + key + "-");
                case "likert-5" -> assertThat(html).contains("type=\"radio\" id=\"q-" + key + "-5\" name=\"q." + key + "\" value=\"5\"");
                case "number" -> assertThat(html).contains("type=\"number\" id=\"q-" + key + "\" name=\"q." + key
                        + "\" value=\"\" min=\"" + question.get("min") + "\" max=\"" + question.get("max") + "\"");
                case "percent" -> assertThat(html).contains("type=\"number\" id=\"q-" + key + "\" name=\"q." + key
                        + "\" value=\"\" min=\"0\" max=\"100\"");
                case "free-text" -> assertThat(html).contains("<textarea id=\"q-" + key + "\" name=\"q." + key + "\"");
                default -> throw new AssertionError("a question type the page test does not know: " + question.get("type"));
            }
        }
        assertThat(html).contains("<fieldset").contains("<legend>").contains("(required)").contains("(optional)")
                .contains("<time datetime=\"").contains("value=\"save\"").contains("value=\"submit\"")
                .doesNotContain("<script>").doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");
        // Nothing saved yet: nothing to withdraw.
        assertThat(html).doesNotContain("value=\"withdraw\"");
    }

    @Test
    void aDraftIsSavedSubmittedChangedAndWithdrawnThroughTheForms() {
        Browser browser = claimed(code());
        Response saved = browser.post("/respond/" + assessment, form(browser, "save",
                Map.of("role", "ic", "focus-hours", "12.5", "async-channels", List.of("written-docs", "chat"),
                        "one-change", "Fewer status meetings")));
        saved.then().statusCode(303);
        assertThat(saved.header("Location")).isEqualTo(assessment + "?done=saved");
        ownResponse(browser).then().statusCode(200).body("status", equalTo("draft"))
                .body("answers.role", equalTo("ic")).body("answers.focus-hours", equalTo(12.5f))
                .body("answers.async-channels", equalTo(List.of("written-docs", "chat")))
                .body("answers.one-change", equalTo("Fewer status meetings"));
        // The page shows the draft again, prefilled.
        String page = browser.get("/respond/" + assessment + "?done=saved").then().statusCode(200).extract().asString();
        assertThat(page).contains("Your draft was saved.").contains("value=\"ic\" checked")
                .contains("name=\"q.focus-hours\" value=\"12.5\"").contains("value=\"written-docs\" checked")
                .contains(">Fewer status meetings</textarea>").contains("value=\"withdraw\"");

        // Submitting without every required answer: each missing one is named at its field, nothing is stored.
        Response incomplete = browser.post("/respond/" + assessment, form(browser, "submit", Map.of("role", "leadership")));
        incomplete.then().statusCode(400).contentType("text/html");
        assertThat(incomplete.asString()).contains("Some answers need attention")
                .contains("id=\"q-working-style-error\"").contains("Answer this question to submit.");
        ownResponse(browser).then().body("status", equalTo("draft")).body("answers.role", equalTo("ic"));

        Map<String, Object> complete = allRequired(template());
        browser.get("/respond/" + assessment);
        Response submitted = browser.post("/respond/" + assessment, form(browser, "submit", complete));
        submitted.then().statusCode(303);
        assertThat(submitted.header("Location")).isEqualTo(assessment + "?done=submitted");
        ownResponse(browser).then().body("status", equalTo("submitted"))
                .body("answers.role", equalTo(complete.get("role")));
        assertThat(browser.get("/respond/" + assessment + "?done=submitted").asString())
                .contains("Your answers were submitted.").contains("Your answers are submitted and count.");

        // Changed after submitting: still submitted, with the new answer.
        Map<String, Object> changed = new LinkedHashMap<>(complete);
        changed.put("focus-hours", "20");
        browser.post("/respond/" + assessment, form(browser, "submit", changed)).then().statusCode(303);
        ownResponse(browser).then().body("status", equalTo("submitted")).body("answers.focus-hours", equalTo(20));

        browser.get("/respond/" + assessment);
        browser.post("/respond/" + assessment, form(browser, "withdraw", Map.of())).then().statusCode(200);
        ownResponse(browser).then().statusCode(200); // asked first, deleted nothing
        Response withdrawn = browser.post("/respond/" + assessment, form(browser, "withdraw-confirmed", Map.of()));
        withdrawn.then().statusCode(303);
        assertThat(withdrawn.header("Location")).isEqualTo(assessment + "?done=withdrawn");
        ownResponse(browser).then().statusCode(404);
        assertThat(browser.get("/respond/" + assessment + "?done=withdrawn").asString())
                .contains("Your response was withdrawn and deleted.").doesNotContain("value=\"withdraw\"");
    }

    @Test
    void aBadNumberIsShownAtItsFieldAndNothingIsStored() {
        Browser browser = claimed(code());
        browser.post("/respond/" + assessment, form(browser, "save", Map.of("focus-hours", "10"))).then().statusCode(303);
        browser.get("/respond/" + assessment);
        Response bad = browser.post("/respond/" + assessment,
                form(browser, "save", Map.of("focus-hours", "500", "realtime-share", "abc", "role", "ic")));
        bad.then().statusCode(400).contentType("text/html");
        assertPageHeaders(bad);
        String html = bad.asString();
        assertThat(html).contains("<p class=\"field-error\" id=\"q-focus-hours-error\">Enter a number from 0 to 80.</p>")
                .contains("aria-describedby=\"q-focus-hours-hint q-focus-hours-error\" aria-invalid=\"true\"")
                .contains("id=\"q-realtime-share-error\">Enter a number from 0 to 100.")
                .contains("<a href=\"#q-focus-hours\">")
                // what was sent is shown again, to correct
                .contains("name=\"q.focus-hours\" value=\"500\"").contains("value=\"ic\" checked");
        ownResponse(browser).then().statusCode(200).body("answers.focus-hours", equalTo(10))
                .body("answers.role", equalTo(null));
    }

    @Test
    void aFormWithoutItsTokenIsRefusedWithAPageAndChangesNothing() {
        String code = code();
        Browser browser = new Browser();
        browser.get("/respond?code=" + code);
        String token = browser.csrf();
        // The claim without the token (a forged cross-site form) is refused and claims nothing.
        Response forged = browser.post("/respond/claim", Map.of("code", code));
        forged.then().statusCode(400).contentType("text/html");
        assertPageHeaders(forged);
        assertThat(forged.asString()).contains("The form could not be accepted");
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.status", equalTo(List.of("pending")));
        // A token that is not the browser's own is refused too.
        browser.post("/respond/claim", Map.of("code", code, "csrf-token", "A".repeat(22))).then().statusCode(400);

        browser.post("/respond/claim", Map.of("code", code, "csrf-token", token)).then().statusCode(303);
        browser.get("/respond/" + assessment).then().statusCode(200);
        Map<String, Object> noToken = form(browser, "save", Map.of("role", "ic"));
        noToken.remove("csrf-token");
        browser.post("/respond/" + assessment, noToken).then().statusCode(400).contentType("text/html");
        browser.get("/respond/" + assessment).then().statusCode(200);
        browser.post("/respond/" + assessment, form(browser, "withdraw", Map.of())).then().statusCode(303);
        Map<String, Object> withdrawWithout = form(browser, "withdraw", Map.of());
        withdrawWithout.remove("csrf-token");
        browser.post("/respond/" + assessment, withdrawWithout).then().statusCode(400);
        ownResponse(browser).then().statusCode(404); // the tokenless save stored nothing
    }

    @Test
    void aClaimWhoseReplyWasLostIsRepeatedByReloadingAndYieldsTheSameSeat() {
        String code = code();
        Browser browser = claimed(code);
        browser.post("/respond/" + assessment, form(browser, "save", Map.of("one-change", "written agendas")))
                .then().statusCode(303);
        // The member presses Start again (the first reply never came): the same key claims the same seat.
        browser.jar.keySet().removeIf(name -> name.startsWith("ah-respondent"));
        browser.get("/respond?code=" + code).then().statusCode(200);
        browser.post("/respond/claim", Map.of("code", code, "csrf-token", browser.csrf())).then().statusCode(303);
        assertThat(browser.get("/respond/" + assessment).asString()).contains(">written agendas</textarea>");
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("invitedCount", equalTo(1));
    }

    @Test
    void aUsedUnknownOrRevokedCodeGetsAPageThatSaysWhatToDo() {
        String code = code();
        claimed(code);
        // Another browser (another key) with the used code.
        Browser other = new Browser();
        other.get("/respond?code=" + code);
        String token = other.csrf();
        Response used = other.post("/respond/claim", Map.of("code", code, "csrf-token", token));
        used.then().statusCode(404).contentType("text/html");
        assertPageHeaders(used);
        assertThat(used.asString()).contains("This code does not open a round").contains("new invitation");
        assertThat(other.cookie("ah-respondent")).isNull();

        other.post("/respond/claim", Map.of("code", "not-a-code", "csrf-token", token)).then().statusCode(404);
        other.post("/respond/claim", Map.of("code", "", "csrf-token", token)).then().statusCode(400)
                .contentType("text/html");

        String second = Api.newMember(tenant, team, Map.of("externalId", "m2"));
        JsonPath issued = Api.invite(tenant, assessment, second);
        Api.as(admin).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, issued.getString("issued[0].id"))
                .then().statusCode(200);
        other.post("/respond/claim", Map.of("code", issued.getString("issued[0].code"), "csrf-token", token))
                .then().statusCode(404);
    }

    @Test
    void aClosedRoundSaysSoOnItsPageAndRefusesClaimsAndAnswers() {
        String code = code();
        Browser browser = claimed(code);
        String token = browser.csrf();
        String second = Api.newMember(tenant, team, Map.of("externalId", "m2"));
        String secondCode = Api.invite(tenant, assessment, second).getString("issued[0].code");
        Api.close(tenant, assessment);

        Response page = browser.get("/respond/" + assessment);
        page.then().statusCode(410).contentType("text/html");
        assertPageHeaders(page);
        assertThat(page.asString()).contains("This round has closed").doesNotContain("<form");
        Map<String, Object> late = new LinkedHashMap<>(Map.of("csrf-token", token, "action", "save", "q.role", "ic"));
        browser.post("/respond/" + assessment, late).then().statusCode(410);
        ownResponse(browser).then().statusCode(404);

        Browser other = new Browser();
        other.get("/respond?code=" + secondCode);
        Response claim = other.post("/respond/claim", Map.of("code", secondCode, "csrf-token", other.csrf()));
        claim.then().statusCode(409).contentType("text/html");
        assertThat(claim.asString()).contains("This round has closed");
    }

    @Test
    void withoutAWorkingCredentialTheRoundsPageSaysHowToGetBackIn() {
        Browser stranger = new Browser();
        stranger.get("/respond");
        Response none = stranger.get("/respond/" + assessment);
        none.then().statusCode(403).contentType("text/html");
        assertPageHeaders(none);
        assertThat(none.asString()).contains("Open your invitation link again");
        Response forged = stranger.request("/respond/" + assessment).cookie("ah-respondent", "a.b.c")
                .get("/respond/" + assessment);
        forged.then().statusCode(403).contentType("text/html");
        // An API token is not a respondent credential either.
        stranger.request("/respond/" + assessment).cookie("ah-respondent", admin).get("/respond/" + assessment)
                .then().statusCode(403);
        stranger.get("/respond/nothing-here").then().statusCode(404).contentType("text/html");
    }

    @Test
    void aCredentialOpensItsOwnRoundOnlyNotAnotherTenantsNorReadsItsAnswers() {
        Browser member = claimed(code());
        String credential = member.credential();
        String otherTenant = Api.newTenant();
        String otherTeam = Api.newTeam(otherTenant, "Elsewhere");
        Api.newMember(otherTenant, otherTeam, Map.of("externalId", "o1"));
        String otherRound = Api.newAssessment(otherTenant, otherTeam);
        Api.open(otherTenant, otherRound);
        // The cookie is scoped to this round's path; sent by hand to the other tenant's round, it opens nothing.
        Response page = member.request("/respond/" + otherRound).cookie("ah-respondent", credential)
                .get("/respond/" + otherRound);
        page.then().statusCode(403).contentType("text/html");
        assertThat(page.asString()).contains("Open your invitation link again").doesNotContain("q-role");
        Response post = member.request("/respond/" + otherRound).cookie("ah-respondent", credential)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("csrf-token", member.csrf()).formParam("action", "save").formParam("q.role", "ic")
                .post("/respond/" + otherRound);
        post.then().statusCode(403).contentType("text/html");
        Api.as(Tokens.tenantAdmin(otherTenant)).get("/api/v1/assessments/{id}", otherRound).then()
                .body("submittedCount", equalTo(0));
        // The API refuses it the same way for any round but its own, existing or not (it names no other round).
        Api.as(credential).get("/api/v1/assessments/{id}/response", otherRound).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void theStartPageWithoutACodeAsksForIt() {
        Browser browser = new Browser();
        Response start = browser.get("/respond");
        start.then().statusCode(200).contentType("text/html");
        assertThat(start.asString()).contains("<label for=\"code\"").contains("aria-describedby=\"code-hint\"");
        String code = code();
        browser.post("/respond/claim", Map.of("code", code, "csrf-token", browser.csrf())).then().statusCode(303);
        List<String> seen = new ArrayList<>(browser.jar.keySet());
        assertThat(seen).anyMatch(name -> name.startsWith("ah-respondent"));
    }

    // ------------------------------------------------------------------ two tabs

    /** The form of a page the browser showed (one of its tabs), as that tab sends it. */
    private static Map<String, Object> form(String page, String action, Map<String, Object> answers) {
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the page has a form token").isTrue();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("csrf-token", token.group(1));
        form.put("version", Browser.version(page));
        form.put("action", action);
        answers.forEach((key, value) -> form.put("q." + key, value));
        return form;
    }

    private static void assertConflict(Response response, String text) {
        response.then().statusCode(409).contentType("text/html");
        assertThat(response.asString())
                .contains("<div class=\"conflict\" id=\"conflict\" role=\"alert\" tabindex=\"-1\"")
                .contains("Not saved: your answer was changed in another tab or window").contains(text);
    }

    @Test
    void twoTabsNeverOverwriteEachOtherSilently() {
        Browser browser = claimed(code());
        String round = "/respond/" + assessment;
        // Two tabs open the page before anything is saved: neither carries a version.
        String first = browser.get(round).asString();
        String second = browser.get(round).asString();
        assertThat(Browser.version(first)).isEmpty();

        browser.post(round, form(first, "save", Map.of("role", "ic", "focus-hours", "10"))).then().statusCode(303);
        // The second tab saw nothing saved; a response exists now: nothing is stored, its own values come back.
        Response stale = browser.post(round, form(second, "save", Map.of("role", "leadership", "focus-hours", "30")));
        assertConflict(stale, "what you sent from here was not saved");
        assertPageHeaders(stale);
        assertThat(stale.asString()).contains("value=\"leadership\" checked").contains("name=\"q.focus-hours\" value=\"30\"")
                .doesNotContain("value=\"ic\" checked");
        ownResponse(browser).then().statusCode(200).body("answers.role", equalTo("ic"))
                .body("answers.focus-hours", equalTo(10));
        // The notice page carries the version now saved: sending it again deliberately replaces the other change.
        String etag = ownResponse(browser).header("ETag");
        assertThat("\"" + Browser.version(stale.asString()) + "\"").isEqualTo(etag);
        browser.post(round, form(stale.asString(), "save", Map.of("role", "leadership", "focus-hours", "30")))
                .then().statusCode(303);
        ownResponse(browser).then().body("answers.role", equalTo("leadership")).body("answers.focus-hours", equalTo(30));

        // Both tabs show that draft; one submits, the other's save (of an older version) stores nothing.
        String tabA = browser.get(round).asString();
        String tabB = browser.get(round).asString();
        Map<String, Object> complete = allRequired(template());
        browser.post(round, form(tabB, "submit", complete)).then().statusCode(303);
        Response older = browser.post(round, form(tabA, "save", Map.of("one-change", "Written agendas")));
        assertConflict(older, "what you sent from here was not saved");
        assertThat(older.asString()).contains(">Written agendas</textarea>");
        ownResponse(browser).then().body("status", equalTo("submitted")).body("answers.one-change", equalTo(null));

        // A field error keeps the version this tab was made from: correcting it is not a way past the check.
        Response invalid = browser.post(round, form(tabA, "save", Map.of("focus-hours", "500")));
        invalid.then().statusCode(400);
        assertThat(Browser.version(invalid.asString())).isEqualTo(Browser.version(tabA));
        assertConflict(browser.post(round, form(invalid.asString(), "save", Map.of("focus-hours", "5"))),
                "was not saved");
        ownResponse(browser).then().body("status", equalTo("submitted"));

        // Withdrawn in one tab: the other tab's save stores nothing, and then starts afresh when sent again.
        String before = browser.get(round).asString();
        browser.post(round, form(before, "withdraw", Map.of())).then().statusCode(200);
        browser.post(round, form(browser.lastPage, "withdraw-confirmed", Map.of())).then().statusCode(303);
        Response afterWithdrawal = browser.post(round, form(before, "save", Map.of("role", "ic")));
        assertConflict(afterWithdrawal, "was not saved");
        assertThat(Browser.version(afterWithdrawal.asString())).isEmpty();
        ownResponse(browser).then().statusCode(404);
        browser.post(round, form(afterWithdrawal.asString(), "save", Map.of("role", "ic"))).then().statusCode(303);
        ownResponse(browser).then().statusCode(200).body("answers.role", equalTo("ic"));
    }

    @Test
    void aTabFromBeforeAWithdrawalCannotOverwriteTheAnswersGivenAfterIt() {
        Browser browser = claimed(code());
        String round = "/respond/" + assessment;
        browser.post(round, form(browser, "save", Map.of("role", "ic"))).then().statusCode(303);
        // Tab A shows the first response; tab B withdraws it and answers anew (a new response, saved once, as was
        // the first when tab A was made).
        String tabA = browser.get(round).asString();
        browser.post(round, form(tabA, "withdraw", Map.of())).then().statusCode(200);
        browser.post(round, form(browser.lastPage, "withdraw-confirmed", Map.of())).then().statusCode(303);
        browser.post(round, form(browser.get(round).asString(), "save", Map.of("role", "leadership")))
                .then().statusCode(303);
        assertThat(Browser.version(browser.get(round).asString())).isNotEqualTo(Browser.version(tabA));
        // Tab A's form names the withdrawn response: nothing it sends is stored, nor is the new response withdrawn.
        assertConflict(browser.post(round, form(tabA, "save", Map.of("role", "ic"))), "was not saved");
        Response asked = browser.post(round, form(tabA, "withdraw", Map.of()));
        asked.then().statusCode(200);
        assertConflict(browser.post(round, form(asked.asString(), "withdraw-confirmed", Map.of())),
                "so it was not withdrawn");
        ownResponse(browser).then().statusCode(200).body("answers.role", equalTo("leadership"));
    }

    @Test
    void aWithdrawalConfirmedInATabThatMissedAChangeWithdrawsNothing() {
        Browser browser = claimed(code());
        String round = "/respond/" + assessment;
        browser.post(round, form(browser, "save", Map.of("role", "ic"))).then().statusCode(303);
        String tabA = browser.get(round).asString();
        String tabB = browser.get(round).asString();
        // Tab A asks to withdraw; meanwhile tab B changes the answer; then tab A confirms.
        Response asked = browser.post(round, form(tabA, "withdraw", Map.of()));
        asked.then().statusCode(200);
        browser.post(round, form(tabB, "save", Map.of("role", "leadership"))).then().statusCode(303);
        Response confirmed = browser.post(round, form(asked.asString(), "withdraw-confirmed", Map.of()));
        assertConflict(confirmed, "so it was not withdrawn");
        // It shows the answer as saved now, with its version, to withdraw deliberately.
        assertThat(confirmed.asString()).contains("value=\"leadership\" checked").contains("value=\"withdraw\"");
        ownResponse(browser).then().statusCode(200).body("answers.role", equalTo("leadership"));
        browser.post(round, form(confirmed.asString(), "withdraw", Map.of())).then().statusCode(200);
        browser.post(round, form(browser.lastPage, "withdraw-confirmed", Map.of())).then().statusCode(303);
        ownResponse(browser).then().statusCode(404);
    }

    // ------------------------------------------------------------------ withdraw asks first

    @Test
    void withdrawAsksFirstAndDeletesOnlyWhenConfirmed() {
        Browser browser = claimed(code());
        String round = "/respond/" + assessment;
        browser.post(round, form(browser, "save", Map.of("role", "ic"))).then().statusCode(303);
        String version = ownResponse(browser).header("ETag").replace("\"", "");
        browser.get(round + "?done=saved");
        Response asked = browser.post(round, form(browser, "withdraw", Map.of()));
        asked.then().statusCode(200).contentType("text/html");
        assertPageHeaders(asked);
        String page = asked.asString();
        assertThat(page).contains("<title>Withdraw your answer? – async-health</title>")
                .contains("<h1>Withdraw your answer?</h1>").contains("cannot be undone")
                .contains("<form method=\"post\" action=\"" + assessment + "\"")
                .contains("name=\"csrf-token\" value=\"").contains("name=\"version\" value=\"" + version + "\"")
                .contains("<button type=\"submit\" name=\"action\" value=\"withdraw-confirmed\" class=\"danger\">Withdraw</button>")
                .contains("<a class=\"button-link\" href=\"" + assessment + "\">Keep my answer</a>")
                .doesNotContain("<script>");
        ownResponse(browser).then().statusCode(200).body("answers.role", equalTo("ic"));
        // "Keep my answer" goes back to the questions, the answer as it was.
        assertThat(browser.get(round).asString()).contains("value=\"ic\" checked").contains("value=\"withdraw\"");
        browser.lastPage = page;

        // The confirmation needs its form token and its version; a bad version gets a page, not an error.
        Map<String, Object> noToken = form(browser, "withdraw-confirmed", Map.of());
        noToken.remove("csrf-token");
        browser.post(round, noToken).then().statusCode(400).contentType("text/html");
        browser.lastPage = page;
        Map<String, Object> noVersion = form(browser, "withdraw-confirmed", Map.of());
        noVersion.remove("version");
        Response refused = browser.post(round, noVersion);
        refused.then().statusCode(400).contentType("text/html");
        assertThat(refused.asString()).contains("The form could not be accepted");
        browser.lastPage = page;
        Map<String, Object> badVersion = form(browser, "withdraw-confirmed", Map.of());
        badVersion.put("version", "1'; drop");
        browser.post(round, badVersion).then().statusCode(400).contentType("text/html");
        ownResponse(browser).then().statusCode(200);

        browser.lastPage = page;
        Response withdrawn = browser.post(round, form(browser, "withdraw-confirmed", Map.of()));
        withdrawn.then().statusCode(303);
        assertThat(withdrawn.header("Location")).isEqualTo(assessment + "?done=withdrawn");
        ownResponse(browser).then().statusCode(404);
    }

    // ------------------------------------------------------------------ language

    private static Properties messages(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AnswerPageTest.class.getResourceAsStream("/messages/respond_" + language + ".properties")) {
            assertThat(in).as("respond_%s.properties", language).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyEnglishTextHasAGermanOne() throws IOException {
        Properties english = messages("en");
        Properties german = messages("de");
        assertThat(german.stringPropertyNames()).as("German keys").containsExactlyInAnyOrderElementsOf(
                english.stringPropertyNames());
        // Not an English text left in: only the name and the scale's pattern read the same in both.
        Set<String> same = Set.of("serviceName", "likertPoint");
        for (String key : english.stringPropertyNames()) {
            assertThat(german.getProperty(key)).as(key).isNotBlank();
            if (!same.contains(key)) {
                assertThat(german.getProperty(key)).as(key).isNotEqualTo(english.getProperty(key));
            }
        }
    }

    @Test
    void theLanguageIsTheBestSupportedOneOfAcceptLanguage() {
        assertThat(PageLanguage.negotiate("de-CH, en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(PageLanguage.negotiate("fr")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate("fr, de;q=0.8, en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(PageLanguage.negotiate("de;q=0.5, en;q=0.6")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate("de;q=0, fr")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate("en-US,en;q=0.9,de;q=0.8")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate(null)).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate("*")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate("de;q=zz")).isEqualTo(Locale.ENGLISH);
        assertThat(PageLanguage.negotiate("de, " + "x".repeat(600))).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void thePagesSpeakGermanToABrowserThatAsksForIt() {
        Browser browser = new Browser();
        browser.language = "de-CH, en;q=0.5";
        String code = code();
        Response start = browser.get("/respond?code=" + code);
        start.then().statusCode(200).header("Content-Language", "de");
        assertThat(String.join(", ", start.headers().getValues("Vary"))).contains("Accept-Language");
        assertThat(start.asString()).contains("<html lang=\"de\">").contains("<h1>Ihre Einladung</h1>")
                .contains("Mit dem Beantworten beginnen").doesNotContain("Your invitation");

        browser.post("/respond/claim", Map.of("code", code, "csrf-token", browser.csrf())).then().statusCode(303)
                .header("Content-Language", "de");
        Response page = browser.get("/respond/" + assessment);
        page.then().statusCode(200).header("Content-Language", "de");
        assertThat(page.asString()).contains("<html lang=\"de\">").contains("(Pflichtfrage)").contains(">Absenden</button>")
                .containsPattern("Endet am: <time datetime=\"[^\"]+\">[0-9]{1,2}\\. (Januar|Februar|März|April|Mai|Juni"
                        + "|Juli|August|September|Oktober|November|Dezember) [0-9]{4}, [0-9]{2}:[0-9]{2} UTC</time>");
        // Field errors are worded by the Java side, in the page's language too.
        Response bad = browser.post("/respond/" + assessment, form(browser, "save", Map.of("focus-hours", "500")));
        bad.then().statusCode(400).header("Content-Language", "de");
        assertThat(bad.asString()).contains("Einige Antworten müssen korrigiert werden")
                .contains("id=\"q-focus-hours-error\">Geben Sie eine Zahl von 0 bis 80 ein.</p>")
                .contains("Höchstens").doesNotContain("Enter a number");
        // And so are refusals and the page asking to withdraw.
        browser.post("/respond/" + assessment, form(browser, "save", Map.of("role", "ic"))).then().statusCode(303);
        browser.get("/respond/" + assessment);
        assertThat(browser.post("/respond/" + assessment, form(browser, "withdraw", Map.of())).asString())
                .contains("<h1>Ihre Antwort zurückziehen?</h1>").contains(">Meine Antwort behalten</a>");
        Response refused = browser.post("/respond/claim", Map.of("code", "x"));
        refused.then().statusCode(400).header("Content-Language", "de");
        assertThat(refused.asString()).contains("Das Formular konnte nicht angenommen werden");
        assertThat(browser.get("/respond/nothing-here").asString()).contains("Seite nicht gefunden");
    }

    @Test
    void aLanguageThePagesDoNotSpeakGetsEnglish() {
        Browser browser = new Browser();
        browser.language = "fr";
        Response start = browser.get("/respond");
        start.then().statusCode(200).header("Content-Language", "en");
        assertThat(String.join(", ", start.headers().getValues("Vary"))).contains("Accept-Language");
        assertThat(start.asString()).contains("<html lang=\"en\">").contains("<h1>Your invitation</h1>");
        browser.language = "de;q=nonsense";
        browser.get("/respond").then().statusCode(200).header("Content-Language", "en");
        browser.language = null;
        browser.get("/respond").then().statusCode(200).header("Content-Language", "en");
    }

    /** The tests' profile has no Keycloak: the pages offer no sign-in, and its addresses are pages that do not exist. */
    @Test
    void withKeycloakOffThereIsNoSignIn() {
        Browser browser = new Browser();
        Response start = browser.get("/respond");
        start.then().statusCode(200);
        assertThat(start.asString()).doesNotContain("Sign in").doesNotContain("href=\"respond/login\"");
        Response none = browser.get("/respond/" + assessment);
        none.then().statusCode(403);
        assertThat(none.asString()).doesNotContain("Sign in");
        for (String page : List.of("/respond/mine", "/respond/login", "/respond/signedout")) {
            Response response = browser.get(page);
            response.then().statusCode(404).contentType("text/html");
            assertPageHeaders(response);
        }
        browser.request("/respond/mine").cookie("q_session_keycloak-web", "not-a-session").get("/respond/mine").then()
                .statusCode(404).contentType("text/html");
    }
}
