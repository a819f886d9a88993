package app.asynchealth.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import app.asynchealth.support.KeycloakServer;
import app.asynchealth.support.PackagedService;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service against a real Keycloak: tokens issued by Keycloak 26 to an HR system's confidential client
 * (client credentials, service-account realm role {@code hr-analyst}, hardcoded {@code tenant} claim) and to people
 * (password grant, realm roles, {@code tenant} from a user attribute or else a single Keycloak organization) are
 * verified by quarkus-oidc against the realm's published keys, and decide what the caller may do.
 *
 * <p>A plain JUnit class run by failsafe after {@code package}: Keycloak and the service each run in a JVM of their own
 * (the realm is {@code src/test/resources/keycloak/async-health-realm.json}); the service uses the embedded PostgreSQL
 * in a temporary directory, which seeds the {@code demo} tenant and its team.
 */
class KeycloakEndToEndIT {

    static final String REALM = "async-health";
    static final String HR_CLIENT = "hr-system";
    static final String HR_SECRET = "hr-system-e2e-secret";
    static final String NO_AUDIENCE_CLIENT = "hr-system-no-audience";
    static final String NO_AUDIENCE_SECRET = "hr-system-no-audience-e2e-secret";
    static final String PEOPLE_CLIENT = "async-health-cli";

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

    @BeforeAll
    static void startKeycloakAndService() {
        long start = System.nanoTime();
        keycloak = KeycloakServer.start(REALM, "/keycloak/async-health-realm.json", Duration.ofMinutes(5));
        keycloakStartMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        service = PackagedService.start("e2e-keycloak", Map.of(
                "async-health.keycloak.enabled", "true",
                "async-health.keycloak.url", keycloak.realmUrl()));
        serviceStartMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("E2E: Keycloak ready in %d ms, service ready in %d ms (logs: %s, %s)%n", keycloakStartMillis,
                serviceStartMillis, keycloak.logFile(), service.logFile());
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
}
