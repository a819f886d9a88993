package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A claim whose reply never reached the member: with a claim key of their own, the member sends the same code and key
 * again and gets a working credential for the same seat, with the answers saved so far; nobody without the key,
 * whoever saw the code, gets anything.
 */
@QuarkusTest
class ClaimRetryTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TestHTTPResource("/")
    URL root;

    String tenant;
    String admin;
    String team;
    String assessment;

    @BeforeEach
    void openRound() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Retry");
        Api.newMember(tenant, team, Map.of("externalId", "m1"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
    }

    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static Response claim(String code, String key) {
        Map<String, String> body = key == null ? Map.of("code", code) : Map.of("code", code, "claimKey", key);
        return RestAssured.given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .post("/api/v1/invitation-claims");
    }

    private String code() {
        return Api.invite(tenant, assessment).getString("issued[0].code");
    }

    private void answer(String token, String oneChange, int expected) {
        Api.as(token).body(Map.of("answers", Map.of("one-change", oneChange)))
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(expected);
    }

    @Test
    void aReplyDroppedBeforeItWasReadIsClaimedAgainWithTheSameKey() throws Exception {
        String code = code();
        String key = newKey();
        // The client sends the claim and goes away without reading a byte of the reply.
        String body = "{\"code\": \"" + code + "\", \"claimKey\": \"" + key + "\"}";
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/invitation-claims HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        // Whether or not the service finished that claim before this retry arrives, the retry gets the credential.
        String token = claim(code, key).then().statusCode(201).extract().path("token");
        answer(token, "fewer status meetings", 201);
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.status", equalTo(List.of("claimed")));
    }

    @Test
    void aRetryYieldsTheSameSeatAndTheAnswersSavedBeforeIt() {
        String code = code();
        String key = newKey();
        String first = claim(code, key).then().statusCode(201).extract().path("token");
        answer(first, "a written agenda", 201);
        // The reply of the first claim is "lost": the member retries and answers on with the new credential.
        String second = claim(code, key).then().statusCode(201).body("assessmentId", equalTo(assessment)).extract()
                .path("token");
        Api.as(second).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .body("answers.one-change", equalTo("a written agenda"));
        answer(second, "no status meetings", 200);
        // Both credentials are the same claimant's: the first one reads the change too.
        Api.as(first).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .body("answers.one-change", equalTo("no status meetings"));
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("invitedCount", equalTo(1));
    }

    @Test
    void whoeverSawTheCodeButHasNotTheKeyGetsNothing() {
        String code = code();
        String key = newKey();
        String member = claim(code, key).then().statusCode(201).extract().path("token");
        answer(member, "the member's own words", 201);
        // The issuer (or anyone who read the code in transit) tries the code bare, with a key of their own, or with
        // a key one character off.
        claim(code, null).then().statusCode(404).contentType("application/problem+json");
        claim(code, newKey()).then().statusCode(404);
        String offByOne = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        claim(code, offByOne).then().statusCode(404);
        Api.as(member).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .body("answers.one-change", equalTo("the member's own words"));
    }

    @Test
    void ofTwentyParallelClaimsWithDifferentKeysOneWinsAndOnlyItsKeyRetries() throws Exception {
        String code = code();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(newKey());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> claims = new ArrayList<>();
        for (String key : keys) {
            claims.add(() -> {
                start.await();
                return claim(code, key).statusCode();
            });
        }
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (Callable<Integer> c : claims) {
                statuses.add(pool.submit(c));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                int status = statuses.get(i).get();
                assertThat(status).isIn(201, 404);
                if (status == 201) {
                    winners.add(keys.get(i));
                }
            }
            assertThat(winners).hasSize(1);
            for (String key : keys) {
                claim(code, key).then().statusCode(key.equals(winners.get(0)) ? 201 : 404);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimWithoutAKeyWorksAsBeforeAndCannotBeRepeated() {
        String code = code();
        String token = claim(code, null).then().statusCode(201).extract().path("token");
        answer(token, "as before", 201);
        claim(code, null).then().statusCode(404);
        claim(code, newKey()).then().statusCode(404);
    }

    @Test
    void aKeyTooShortOrNotBase64UrlIsRefusedAndClaimsNothing() {
        String code = code();
        for (String bad : new String[] { "short", "x".repeat(21), "x".repeat(129), "a+b/c=".repeat(5), "é".repeat(30) }) {
            claim(code, bad).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("claimKey"));
        }
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.status", equalTo(List.of("pending")));
        claim(code, newKey()).then().statusCode(201);
    }

    @Test
    void aRetryAfterTheRoundClosedIsRefusedAsAClaimIs() {
        String code = code();
        String key = newKey();
        claim(code, key).then().statusCode(201);
        Api.close(tenant, assessment);
        claim(code, key).then().statusCode(409);
    }
}
