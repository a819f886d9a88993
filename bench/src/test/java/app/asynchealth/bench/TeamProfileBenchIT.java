package app.asynchealth.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The team-profile target measured on the packaged service in its own JVM (as it runs in production), so that the
 * benchmark client's work and garbage do not pause the service. Tokens come from the bootstrap endpoint.
 */
@QuarkusIntegrationTest
class TeamProfileBenchIT {

    static final int WARM_UP = 3_000;
    static final int MEASURED = 5_000;

    private static String token(String role, String tenant, String subject) {
        Map<String, Object> request = tenant == null ? Map.of("role", role) : Map.of("role", role, "tenant", tenant,
                "subject", subject);
        return given().contentType(ContentType.JSON).body(request).post("/api/v1/bootstrap/tokens").then()
                .statusCode(200).extract().path("accessToken");
    }

    @Test
    void teamProfileOfTwelveRespondents() throws Exception {
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(token("platform-admin", null, null)).contentType(ContentType.JSON)
                .body(Map.of("id", tenant, "name", "Bench")).post("/api/v1/tenants").then().statusCode(201);
        String admin = token("tenant-admin", tenant, "admin");
        String team = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Bench"))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
        Instant now = Instant.now();
        String assessment = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("teamId", team, "title", "Bench", "opensAt", now.plusSeconds(3600).toString(),
                        "closesAt", now.plusSeconds(86400).toString()))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("externalId", "m" + i, "subject", "m" + i))
                    .post("/api/v1/teams/{team}/members", team).then().statusCode(201);
            given().auth().oauth2(token("member", tenant, "m" + i)).contentType(ContentType.JSON)
                    .body(answers(i)).put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
        }
        given().auth().oauth2(admin).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://localhost:" + RestAssured.port;
        HttpRequest profile = HttpRequest.newBuilder(URI.create(base + "/api/v1/assessments/" + assessment + "/profile"))
                .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(10)).build();
        HttpRequest reference = HttpRequest.newBuilder(URI.create(base + "/api/v1/teams/" + team))
                .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < WARM_UP; i++) {
            assertThat(client.send(profile, HttpResponse.BodyHandlers.ofString()).body()).contains("\"available\"");
            client.send(reference, HttpResponse.BodyHandlers.discarding());
        }
        long[] profileNanos = time(client, profile);
        long[] referenceNanos = time(client, reference);
        BenchReport.print("team profile, 12 respondents, GET over HTTP, service in its own JVM", profileNanos);
        BenchReport.print("reference: GET one team, service in its own JVM", referenceNanos);
        assertThat(BenchReport.percentile(profileNanos, 99)).as("p99 in ns").isLessThanOrEqualTo(Duration.ofMillis(10).toNanos());
    }

    private static long[] time(HttpClient client, HttpRequest request) throws Exception {
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return nanos;
    }

    private static String answers(int i) {
        return """
                {"answers": {"role": "ic", "working-style": "hybrid", "team-async-style": "mostly-async",
                 "comm-guide-documented": "%s", "comm-norms-clear": %d, "comm-effectiveness": 3,
                 "meetings-could-be-async": "often", "response-expectation": "within-an-hour",
                 "response-norms-agreed": 2, "focus-hours": %d, "hours-worked": 40, "realtime-share": 45,
                 "after-hours-frequency": "sometimes", "schedule-control": 3,
                 "async-alignment-effect": "somewhat-improves", "team-connectedness": 4}, "submitted": true}"""
                .formatted(i % 2 == 0 ? "yes" : "no", 1 + i % 5, 3 + i);
    }
}
