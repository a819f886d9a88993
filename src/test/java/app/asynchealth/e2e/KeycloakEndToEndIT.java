package app.asynchealth.e2e;

import static app.asynchealth.support.HeadlessChromium.assertAccessible;
import static app.asynchealth.support.HeadlessChromium.toNextPage;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.KeycloakServer;
import app.asynchealth.support.PackagedService;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service against a real Keycloak: tokens issued by Keycloak 26 to an HR system's confidential client
 * (client credentials, service-account realm role {@code hr-analyst}, hardcoded {@code tenant} claim) and to people
 * (password grant, realm roles, {@code tenant} from a user attribute or else a single Keycloak organization) are
 * verified by quarkus-oidc against the realm's published keys, and decide what the caller may do.
 *
 * <p>A plain JUnit class run by failsafe after {@code package}: Keycloak and the service each run in a JVM of their own.
 * The realm is the operator's, {@code docker/keycloak/async-health-realm.json}, with the tests' people and
 * organizations ({@code src/test/resources/keycloak/e2e-fixtures.json}) merged in; the service uses the embedded
 * PostgreSQL in a temporary directory, which seeds the {@code demo} tenant and its team. The service starts first,
 * while Keycloak is not there yet, as it may in any deployment.
 */
class KeycloakEndToEndIT {

    static final String REALM = "async-health";
    static final String HR_CLIENT = "hr-system";
    static final String HR_SECRET = "hr-system-e2e-secret-" + UUID.randomUUID();
    static final String NO_AUDIENCE_CLIENT = "hr-system-no-audience";
    static final String NO_AUDIENCE_SECRET = "hr-system-no-audience-e2e-secret";
    static final String PEOPLE_CLIENT = "async-health-cli";
    /** The answer page's sign-in client; its secret (32+ characters) also seals the page's session cookie. */
    static final String WEB_CLIENT = "async-health-web";
    static final String WEB_SECRET = "async-health-web-e2e-secret-" + UUID.randomUUID();

    static KeycloakServer keycloak;
    static PackagedService service;
    static long keycloakStartMillis;
    static long serviceStartMillis;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (keycloak != null) {
                keycloak.printLogTail(60);
            }
            if (service != null) {
                service.printLogTail(60);
            }
        }
    };

    /** The bound the service is given here for trusting a signing key the realm no longer publishes. */
    static final Duration KEY_REFRESH = Duration.ofSeconds(6);
    static final Duration KEY_CLEANUP = Duration.ofSeconds(2);

    static boolean readyWithoutKeycloak;
    static long acceptedAfterKeycloakMillis;

    @BeforeAll
    static void startServiceThenKeycloak() {
        int keycloakPort = PackagedService.freePort();
        String realmUrl = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM;
        long start = System.nanoTime();
        service = PackagedService.start("e2e-keycloak", Map.of(
                "async-health.keycloak.enabled", "true",
                "async-health.keycloak.url", realmUrl,
                "async-health.keycloak.key-refresh", KEY_REFRESH.toSeconds() + "S",
                "async-health.keycloak.key-cleanup", KEY_CLEANUP.toSeconds() + "S",
                "async-health.keycloak.web.client-id", WEB_CLIENT,
                "async-health.keycloak.web.client-secret", WEB_SECRET));
        serviceStartMillis = (System.nanoTime() - start) / 1_000_000;
        readyWithoutKeycloak = given().baseUri(service.baseUri().toString()).get("/q/health/ready").statusCode() == 200;

        start = System.nanoTime();
        keycloak = KeycloakServer.start(REALM, KeycloakServer.OPERATOR_REALM, "/keycloak/e2e-fixtures.json",
                Map.of("ASYNC_HEALTH_HR_CLIENT_SECRET", HR_SECRET, "ASYNC_HEALTH_HR_TENANT", "demo",
                        "ASYNC_HEALTH_WEB_CLIENT_SECRET", WEB_SECRET,
                        "ASYNC_HEALTH_PUBLIC_URL", service.baseUri().toString()), keycloakPort,
                Duration.ofMinutes(5));
        keycloakStartMillis = (System.nanoTime() - start) / 1_000_000;
        // From the moment Keycloak answers: how long until the service, started before it, accepts its tokens.
        start = System.nanoTime();
        String token = hrToken();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (as(token).get("/api/v1/teams").statusCode() != 200 && System.nanoTime() < deadline) {
            PackagedService.sleep(200);
        }
        acceptedAfterKeycloakMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("E2E: service ready in %d ms, Keycloak ready in %d ms, its tokens accepted %d ms after"
                + " (logs: %s, %s)%n", serviceStartMillis, keycloakStartMillis, acceptedAfterKeycloakMillis,
                keycloak.logFile(), service.logFile());
    }

    @Test
    void theServiceStartedBeforeKeycloakIsReadyAndAcceptsKeycloakTokensWithinSeconds() {
        assertThat(readyWithoutKeycloak).as("ready while Keycloak was not running").isTrue();
        assertThat(acceptedAfterKeycloakMillis).as("ms from Keycloak ready to its first token accepted")
                .isLessThan(15_000);
        as(hrToken()).get("/api/v1/teams").then().statusCode(200);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    static RequestSpecification as(String token) {
        return given().baseUri(service.baseUri().toString()).auth().oauth2(token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    static String hrToken() {
        return keycloak.clientCredentialsToken(HR_CLIENT, HR_SECRET);
    }

    static String person(String username) {
        return keycloak.passwordToken(PEOPLE_CLIENT, username, username + "-e2e-password");
    }

    static String newTeam(String token, String name) {
        return as(token).body(Map.of("name", name)).post("/api/v1/teams").then().statusCode(201)
                .body("name", equalTo(name)).extract().path("id");
    }

    @Test
    void hrServiceAccountReadsEveryTeamOfItsTenant() {
        String team = newTeam(person("dana"), "Seen by HR " + UUID.randomUUID());

        List<String> names = as(hrToken()).get("/api/v1/teams").then().statusCode(200).extract().path("items.name");
        assertThat(names).as("the demo tenant's seeded team and the team Dana created").contains("Demo team");
        as(hrToken()).get("/api/v1/teams").then().body("items.id", hasItem(team));
        as(hrToken()).get("/api/v1/teams/{id}", team).then().statusCode(200).body("id", equalTo(team));
    }

    @Test
    void hrServiceAccountReadsTheScoresFeed() {
        String admin = person("dana");
        String team = newTeam(admin, "Scored " + UUID.randomUUID());
        Instant now = Instant.now();
        String assessment = as(admin).body(Map.of("teamId", team, "title", "E2E round",
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(86400).toString()))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        as(admin).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
        as(admin).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);

        // Closed without a single response: one row per dimension, suppressed (below the anonymity threshold).
        as(hrToken()).queryParam("teamId", team).get("/api/v1/scores").then().statusCode(200)
                .body("items", hasSize(8))
                .body("items.assessmentId", everyItem(equalTo(assessment)))
                .body("items.status", everyItem(equalTo("suppressed")))
                .body("items.respondents", everyItem(equalTo(0)));
        // The organisation rollup counts the team's round as suppressed and includes nothing of it.
        as(hrToken()).get("/api/v1/organization/profile").then().statusCode(200)
                .body("tenantId", equalTo("demo"))
                .body("basis.find { it.teamId == '" + team + "' }.status", equalTo("suppressed"))
                .body("basis.find { it.teamId == '" + team + "' }.respondents", equalTo(null));
    }

    @Test
    void hrServiceAccountCannotCreateATeam() {
        as(hrToken()).body(Map.of("name", "Not by HR")).post("/api/v1/teams").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403))
                .body("type", startsWith("urn:async-health:problem:"));
        as(hrToken()).get("/api/v1/teams").then().statusCode(200).body("items.name", not(hasItem("Not by HR")));
    }

    @Test
    void tenantAdminPersonCreatesATeamAndSeesIt() {
        String dana = person("dana");
        String name = "Created by Dana " + UUID.randomUUID();
        String team = newTeam(dana, name);

        as(dana).get("/api/v1/teams/{id}", team).then().statusCode(200).body("name", equalTo(name));
        as(dana).get("/api/v1/teams").then().statusCode(200).body("items.id", hasItem(team));
        as(dana).get("/api/v1/tenants/demo").then().statusCode(200).body("id", equalTo("demo"));
    }

    @Test
    void tokenWithoutTheServiceAudienceIsRefused() {
        String token = keycloak.clientCredentialsToken(NO_AUDIENCE_CLIENT, NO_AUDIENCE_SECRET);

        as(token).get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
        as(token).get("/api/v1/scores").then().statusCode(401);
    }

    @Test
    void tokenOfAnotherRealmIsRefused() {
        as(keycloak.masterRealmAdminToken()).get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void requestWithoutTokenIsRefused() {
        given().baseUri(service.baseUri().toString()).get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void memberOfOneKeycloakOrganizationSpeaksForThatTenant() {
        // Mia has no tenant attribute; she is a member of the Keycloak organization whose alias is demo.
        String mia = keycloak.passwordToken(PEOPLE_CLIENT, "mia", "mia-e2e-password", "organization");
        String team = newTeam(mia, "Created by Mia " + UUID.randomUUID());

        as(mia).get("/api/v1/teams").then().statusCode(200).body("items.name", hasItem("Demo team"))
                .body("items.id", hasItem(team));
        as(person("dana")).get("/api/v1/teams/{id}", team).then().statusCode(200);
    }

    @Test
    void tokenNamingNoSingleTenantIsRefused() {
        // Without the organization scope Mia's token names no tenant at all.
        as(person("mia")).get("/api/v1/teams").then().statusCode(401);
        // Max belongs to two organizations and has no tenant attribute: the service does not guess.
        String max = keycloak.passwordToken(PEOPLE_CLIENT, "max", "max-e2e-password", "organization");
        as(max).get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anotherTenantsAdminCannotSeeTheDemoTeam() {
        String demoTeam = newTeam(person("dana"), "Demo only " + UUID.randomUUID());
        // Olga (platform-admin, no tenant) registers Globex, whose admin Gus is in Keycloak (tenant attribute globex).
        as(person("olga")).body(Map.of("id", "globex", "name", "Globex")).post("/api/v1/tenants").then()
                .statusCode(201).body("id", equalTo("globex"));
        String gus = person("gus");

        as(gus).get("/api/v1/teams/{id}", demoTeam).then().statusCode(404)
                .contentType("application/problem+json");
        as(gus).get("/api/v1/teams").then().statusCode(200).body("items.id", not(hasItem(demoTeam)))
                .body("items.name", not(hasItem("Demo team")));
        as(gus).body(Map.of("name", "Hacked")).patch("/api/v1/teams/{id}", demoTeam).then().statusCode(404);
        as(gus).get("/api/v1/tenants/demo").then().statusCode(404);

        // Gus's own tenant works, and Dana does not see its team either.
        String globexTeam = newTeam(gus, "Globex team");
        as(gus).get("/api/v1/teams/{id}", globexTeam).then().statusCode(200);
        as(person("dana")).get("/api/v1/teams/{id}", globexTeam).then().statusCode(404);
        as(person("dana")).get("/api/v1/teams/{id}", demoTeam).then().statusCode(200)
                .body("name", startsWith("Demo only"));
    }

    static String claim(String token, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString(name);
    }

    static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return JsonPath.from(header).getString("kid");
    }

    /**
     * Issue 16's journey with real Keycloak tokens: a lead writes the team's charter and reads its coverage, a round
     * answered through claim codes shows the norm gap, the lead adopts the recommended action, and the next round shows
     * its measured effect, to the lead and in HR's action feed.
     */
    @Test
    void aLeadWritesACharterSeesTheNormGapAdoptsAnActionAndSeesItsEffectInTheNextRound() {
        String dana = person("dana");
        String lena = person("lena");
        String team = newTeam(dana, "Charter journey " + UUID.randomUUID());
        String leadMember = as(dana).body(Map.of("externalId", "lena-charter", "subject", claim(lena, "sub"),
                "role", "lead")).post("/api/v1/teams/{team}/members", team).then().statusCode(201).extract().path("id");
        for (int i = 0; i < 6; i++) {
            as(dana).body(Map.of("externalId", "journey-" + i)).post("/api/v1/teams/{team}/members", team).then()
                    .statusCode(201);
        }
        Map<String, Object> charter = Map.of(
                "channels", List.of(Map.of("key", "chat", "name", "Team chat", "purpose", "Questions that can wait",
                        "responseExpectations", List.of(Map.of("urgency", "normal", "within", "PT4H")))),
                "meetings", Map.of("statusUpdatesAsync", true, "agendaRequired", true));
        as(lena).body(charter).put("/api/v1/teams/{id}/charter", team).then().statusCode(201)
                .body("version", equalTo(1));
        as(lena).get("/api/v1/teams/{id}/charter/coverage", team).then().statusCode(200)
                .body("reportFigures.key", hasItem("no-documented-guide"))
                .body("areas.find { it.key == 'after-hours' }.covered", equalTo(false));

        String first = answeredRound(lena, team, "often");
        as(lena).get("/api/v1/assessments/{id}/profile", first).then().statusCode(200)
                .body("normGap.charterVersion", equalTo(1))
                .body("normGap.norms.find { it.key == 'meetings-only-when-justified' }.value", equalTo(100.0f))
                .body("recommendations.key", hasItem("run-meeting-audit"));
        String action = as(lena).body(Map.of("recommendationKey", "run-meeting-audit", "ownerMemberId", leadMember,
                "dueDate", LocalDate.now(ZoneOffset.UTC).plusDays(14).toString(),
                "baselineAssessmentId", first)).post("/api/v1/teams/{team}/actions", team).then().statusCode(201)
                .extract().path("id");

        String second = answeredRound(lena, team, "never");
        as(lena).get("/api/v1/teams/{team}/actions/{id}", team, action).then().statusCode(200)
                .body("effect.assessmentId", equalTo(second)).body("effect.change", equalTo(-100.0f))
                .body("effect.verdict", equalTo("improved"));
        as(lena).get("/api/v1/assessments/{id}/profile", second).then().statusCode(200)
                .body("actions.actionId", hasItem(action));
        as(hrToken()).queryParam("teamId", team).get("/api/v1/scores/actions").then().statusCode(200)
                .body("items.actionId", equalTo(List.of(action))).body("items[0].verdict", equalTo("improved"));
    }

    /** A round the lead opens, invites the whole team to by claim code, and closes once the six members answered. */
    static String answeredRound(String lead, String team, String meetings) {
        Instant now = Instant.now();
        String assessment = as(lead).body(Map.of("teamId", team, "title", "Round " + meetings,
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(86400).toString()))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        as(lead).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
        List<String> codes = as(lead).body(Map.of("delivery", "code"))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201).extract()
                .path("issued.code");
        for (String code : codes) {
            String credential = given().baseUri(service.baseUri().toString()).contentType(ContentType.JSON)
                    .body(Map.of("code", code)).post("/api/v1/invitation-claims").then().statusCode(201).extract()
                    .path("token");
            as(credential).body(ProfileResourceTest.answers(8, meetings))
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
        }
        as(lead).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
        return assessment;
    }

    @Test
    void aLeadIsKnownByTheTokensSubNotByTheUsername() {
        String dana = person("dana");
        String lena = person("lena");
        String sub = claim(lena, "sub");
        assertThat(sub).isNotBlank().isNotEqualTo("lena");
        assertThat(claim(lena, "preferred_username")).isEqualTo("lena");
        String team = newTeam(dana, "Led by Lena " + UUID.randomUUID());
        String member = as(dana).body(Map.of("externalId", "lena", "subject", "lena", "role", "lead"))
                .post("/api/v1/teams/{team}/members", team).then().statusCode(201).extract().path("id");
        // Linked by username, Lena is nobody on this team.
        as(lena).body(Map.of("description", "Lena's")).patch("/api/v1/teams/{id}", team).then().statusCode(404);
        as(dana).body(Map.of("subject", sub)).patch("/api/v1/teams/{team}/members/{id}", team, member).then()
                .statusCode(200);
        as(lena).body(Map.of("description", "Lena's")).patch("/api/v1/teams/{id}", team).then().statusCode(200);
        as(lena).get("/api/v1/teams/{team}/members", team).then().statusCode(200);

        Instant now = Instant.now();
        String assessment = as(lena).body(Map.of("teamId", team, "title", "Lena's round",
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(86400).toString()))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        as(lena).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
        as(lena).body("{\"answers\": {\"focus-hours\": 5}}").put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(201);
        as(lena).get("/api/v1/me/assessments").then().statusCode(200)
                .body("items.find { it.id == '" + assessment + "' }.response", equalTo("draft"));
        // Dana, who made the link, reads nothing of it.
        as(dana).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(404);
    }

    @Test
    void aTokenOfATenantTheServiceDoesNotKnowIsRefusedEverywhere() {
        String ghost = person("ghost");
        assertThat(claim(ghost, "tenant")).isEqualTo("no-such-tenant");
        as(ghost).get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json");
        as(ghost).body(Map.of("name", "Haunted")).post("/api/v1/teams").then().statusCode(401);
        as(ghost).get("/api/v1/scores").then().statusCode(401);
        as(ghost).get("/api/v1/me/assessments").then().statusCode(401);
        as(ghost).get("/api/v1/tenants/no-such-tenant").then().statusCode(401);
    }

    @Test
    void aSigningKeyRemovedFromTheRealmStopsBeingAcceptedWithinTheRefreshBound() {
        String before = hrToken();
        as(before).get("/api/v1/teams").then().statusCode(200);
        String oldKid = keyId(before);
        String oldProvider = keycloak.admin().get("/keys").then().statusCode(200).extract()
                .path("keys.find { it.kid == '" + oldKid + "' }.providerId");
        String realmId = keycloak.admin().get("").then().statusCode(200).extract().path("id");

        // An operator rotates: a new RS256 key of higher priority, then the old key's provider disabled.
        keycloak.admin().body(Map.of("name", "rotated-" + UUID.randomUUID(), "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of("500"), "keySize", List.of("2048"), "active", List.of("true"),
                        "enabled", List.of("true"), "algorithm", List.of("RS256"))))
                .post("/components").then().statusCode(201);
        String after = hrToken();
        assertThat(keyId(after)).isNotEqualTo(oldKid);
        as(after).get("/api/v1/teams").then().statusCode(200);
        as(before).get("/api/v1/teams").then().statusCode(200); // both keys are published still

        Map<String, Object> component = keycloak.admin().get("/components/{id}", oldProvider).then().statusCode(200)
                .extract().as(new TypeRef<Map<String, Object>>() {
                });
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) component.get("config");
        config.put("enabled", List.of("false"));
        keycloak.admin().body(component).put("/components/{id}", oldProvider).then().statusCode(204);
        long disabled = System.nanoTime();

        Duration bound = KEY_REFRESH.plus(KEY_CLEANUP).plusSeconds(10);
        await().atMost(bound).pollInterval(Duration.ofMillis(500))
                .until(() -> as(before).get("/api/v1/teams").statusCode() == 401);
        System.out.printf("E2E: a disabled signing key was refused %d ms after it left the realm (bound %s)%n",
                (System.nanoTime() - disabled) / 1_000_000, KEY_REFRESH.plus(KEY_CLEANUP));
        as(before).get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json");
        as(after).get("/api/v1/teams").then().statusCode(200);
        as(hrToken()).get("/api/v1/scores").then().statusCode(200);
    }

    // ------------------------------------------------------------------ the answer page's sign-in

    /** A team of the demo tenant led by Lena, with these people (by their Keycloak sub), and an open round of it. */
    static Map<String, String> roundWith(String... people) {
        String dana = person("dana");
        String lena = person("lena");
        String team = newTeam(dana, "Signed in " + UUID.randomUUID());
        as(dana).body(Map.of("externalId", "lena-" + UUID.randomUUID(), "subject", claim(lena, "sub"), "role", "lead"))
                .post("/api/v1/teams/{team}/members", team).then().statusCode(201);
        Map<String, String> round = new HashMap<>();
        for (String username : people) {
            String member = as(dana).body(Map.of("externalId", username + "-" + UUID.randomUUID(),
                    "subject", claim(person(username), "sub"))).post("/api/v1/teams/{team}/members", team).then()
                    .statusCode(201).extract().path("id");
            round.put(username, member);
        }
        Instant now = Instant.now();
        String title = "Signed-in round " + UUID.randomUUID();
        String assessment = as(lena).body(Map.of("teamId", team, "title", title,
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(86400).toString()))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        as(lena).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
        round.put("assessment", assessment);
        round.put("title", title);
        return round;
    }

    @Test
    void aMemberSignsInOnTheAnswerPageAndAnswersWithTheirOwnAccount() throws IOException {
        Assumptions.assumeTrue(AnswerPageSignIn.CHROMEDRIVER.canExecute(), "chromium-driver is not installed");
        Map<String, String> round = roundWith("maren");
        String assessment = round.get("assessment");
        try (AnswerPageSignIn browser = new AnswerPageSignIn(service.baseUri().toString())) {
            browser.signIn("maren", "maren-e2e-password");
            assertThat(browser.heading()).isEqualTo("Your open rounds");
            assertAccessible(browser.driver(), "the own rounds, signed in");
            // The session cookie: HttpOnly (no script reads it), for /respond only, Lax (see application.properties).
            assertThat(browser.sessionCookies()).isNotEmpty().allSatisfy(cookie -> {
                assertThat(cookie.isHttpOnly()).isTrue();
                assertThat(cookie.getPath()).isEqualTo("/respond");
                assertThat(cookie.getSameSite()).isEqualTo("Lax");
            });
            assertThat(browser.scriptVisibleCookies()).doesNotContain(AnswerPageSignIn.SESSION_COOKIE);

            toNextPage(browser.driver(), () -> browser.driver().findElement(By.linkText(round.get("title"))).click());
            assertThat(browser.driver().getCurrentUrl()).contains("/respond/" + assessment);
            assertAccessible(browser.driver(), "the round's questions, signed in");
            WebElement hours = browser.driver().findElement(By.id("q-focus-hours"));
            hours.sendKeys("12");
            toNextPage(browser.driver(), () -> browser.driver().findElement(By.cssSelector("button[value=save]")).click());
            assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText())
                    .isEqualTo("Your draft was saved.");
            String maren = person("maren");
            as(maren).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                    .body("status", equalTo("draft")).body("answers.focus-hours", equalTo(12));

            browser.answerAll("submit");
            assertThat(browser.driver().findElement(By.cssSelector(".notice")).getText())
                    .isEqualTo("Your answers were submitted. Thank you!");
            // The member's own API token reads what the page stored: one identity, one seat (delivery account).
            as(maren).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                    .body("status", equalTo("submitted"));
            as(maren).get("/api/v1/me/assessments").then().statusCode(200)
                    .body("items.find { it.id == '" + assessment + "' }.response", equalTo("submitted"));
            as(person("lena")).get("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(200)
                    .body("items.find { it.memberId == '" + round.get("maren") + "' }.delivery", equalTo("account"));
            // The lead who made the round reads nothing of it.
            as(person("lena")).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(404);

            // Signing out ends the page's session (and Keycloak's); the list then offers to sign in again.
            browser.driver().get(service.baseUri() + "/respond/mine");
            toNextPage(browser.driver(), () -> browser.driver().findElement(By.cssSelector("form.sign-out button")).click());
            assertThat(browser.driver().getCurrentUrl()).contains("/respond/signedout");
            assertThat(browser.heading()).isEqualTo("You are signed out");
            assertAccessible(browser.driver(), "the signed-out page");
            assertThat(browser.sessionCookies()).isEmpty();
            browser.driver().get(service.baseUri() + "/respond/mine");
            assertThat(browser.heading()).isEqualTo("Sign in to see your rounds");
            assertAccessible(browser.driver(), "the offer to sign in");
        }
    }

    @Test
    void aSeatClaimedWithACodeIsNotOpenedByTheMembersAccountOnThePage() throws IOException {
        Assumptions.assumeTrue(AnswerPageSignIn.CHROMEDRIVER.canExecute(), "chromium-driver is not installed");
        Map<String, String> round = roundWith("codi");
        String assessment = round.get("assessment");
        String code = as(person("lena")).body(Map.of("memberIds", List.of(round.get("codi")), "delivery", "code"))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201).extract()
                .path("issued[0].code");
        String credential = given().baseUri(service.baseUri().toString()).contentType(ContentType.JSON)
                .body(Map.of("code", code)).post("/api/v1/invitation-claims").then().statusCode(201).extract()
                .path("token");
        as(credential).body("{\"answers\": {\"focus-hours\": 7}}").put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(201);

        try (AnswerPageSignIn browser = new AnswerPageSignIn(service.baseUri().toString())) {
            browser.signIn("codi", "codi-e2e-password");
            // Listed, as the API lists it, but without a way in: the code's browser holds the only key.
            WebElement item = browser.driver().findElement(By.xpath("//li[h2[text()='" + round.get("title") + "']]"));
            assertThat(item.findElements(By.tagName("a"))).isEmpty();
            assertThat(item.getText()).contains("You started this round with the code from your invitation");
            browser.driver().get(service.baseUri() + "/respond/" + assessment);
            assertThat(browser.heading()).isEqualTo("Answer with your invitation link");
            assertThat(browser.driver().findElements(By.cssSelector("form.answers"))).isEmpty();
        }
        // The same rule as the API: the account neither reads nor writes that seat; the credential still does.
        String codi = person("codi");
        as(codi).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(409);
        as(codi).body("{\"answers\": {\"focus-hours\": 1}}").put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(409);
        as(credential).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .body("answers.focus-hours", equalTo(7));
    }

    @Test
    void withoutASessionTheAnswerPageOffersSignInAndABadSessionGetsAPage() {
        RequestSpecification page = given().baseUri(service.baseUri().toString()).redirects().follow(false)
                .accept("text/html");
        page.get("/respond/mine").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("href=\"login\""));
        page.get("/respond").then().statusCode(200).body(containsString("Sign in with your account"));
        // Sign-in starts at Keycloak with PKCE; the state cookie is HttpOnly and kept to /respond.
        Response login = page.get("/respond/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.header("Location")).startsWith(keycloak.realmUrl() + "/protocol/openid-connect/auth")
                .contains("client_id=" + WEB_CLIENT).contains("code_challenge_method=S256")
                .contains("redirect_uri=" + URLEncoder.encode(service.baseUri() + "/respond/login",
                        StandardCharsets.UTF_8));
        assertThat(login.headers().getValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("q_auth_keycloak-web").containsIgnoringCase("HttpOnly").contains("Path=/respond"));
        // A tampered or foreign session cookie, or a forged return from Keycloak: a page, never a 500.
        page.cookie(AnswerPageSignIn.SESSION_COOKIE, "not-a-session").get("/respond/mine").then()
                .statusCode(anyOf(equalTo(200), equalTo(401))).contentType(startsWith("text/html"))
                .body(containsString("href=\"login\""));
        given().baseUri(service.baseUri().toString()).redirects().follow(false).accept("text/html")
                .cookie(AnswerPageSignIn.SESSION_COOKIE, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC")
                .get("/respond/" + UUID.randomUUID()).then().statusCode(403).contentType(startsWith("text/html"));
        given().baseUri(service.baseUri().toString()).redirects().follow(false).accept("text/html")
                .queryParam("code", "forged").queryParam("state", "forged").get("/respond/login").then()
                .statusCode(lessThan(500));
        // The API is untouched: a page session is not a bearer token, and a bearer token still works there.
        given().baseUri(service.baseUri().toString()).cookie(AnswerPageSignIn.SESSION_COOKIE, "not-a-session")
                .get("/api/v1/me/assessments").then().statusCode(401);
        as(person("maren")).get("/api/v1/me/assessments").then().statusCode(200);
    }
}
