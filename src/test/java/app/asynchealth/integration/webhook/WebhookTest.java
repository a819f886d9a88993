package app.asynchealth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.security.SecretBox;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import app.asynchealth.support.WebhookReceiver;
import app.asynchealth.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class WebhookTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final List<String> ALL_EVENTS = List.of("assessment.closed", "profile.available", "assessment.quorum_reached");
    static final ObjectMapper JSON = new ObjectMapper();

    String tenant;
    String admin;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    ExtractableResponse<Response> register(String path, List<String> events) {
        return Api.as(admin).body(Map.of("url", receiver.url(path), "events", events, "description", "HR system"))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
    }

    /** An open assessment of a new team; members answer it with {@link #answer}. */
    String openAssessment(String team) {
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        return assessment;
    }

    void answer(String team, String assessment, int respondents) {
        Api.answer(tenant, team, assessment, team.substring(0, 8) + "-", respondents,
                ProfileResourceTest.answers(8, "often"));
    }

    void close(String assessment) {
        Api.close(tenant, assessment);
    }

    List<Received> awaitReceived(String path, int count) {
        await().atMost(PATIENCE).until(() -> receiver.received(path).size() >= count);
        return receiver.received(path);
    }

    List<Map<String, Object>> deliveries(String endpoint) {
        return Api.as(admin).get("/api/v1/webhooks/{id}/deliveries", endpoint).then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    /**
     * Sends the endpoint a test message and waits until it arrives. It was due after anything already in the outbox,
     * so the polls that would send a message wrongly (a duplicate, another tenant's, an unsubscribed event) are over:
     * absence is then checked against a positive signal instead of a guess at how long to watch.
     */
    void afterALaterMessage(String token, String endpoint, String path) {
        String eventId = Api.as(token).post("/api/v1/webhooks/{id}/test", endpoint).then().statusCode(202).extract()
                .path("eventId");
        await().atMost(PATIENCE).until(() -> receiver.received(path).stream()
                .anyMatch(request -> eventId.equals(request.header("webhook-id"))));
    }

    /** What reached the path apart from test messages. */
    List<Received> events(String path) {
        return receiver.received(path).stream().filter(request -> !request.body().contains("\"webhook.test\""))
                .toList();
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void registrationShowsTheSecretOnceAndNeverAgain() {
        var created = register("/hooks", ALL_EVENTS);
        String id = created.path("endpoint.id");
        assertThat(created.<String>path("secret")).startsWith("whsec_");
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);
        Api.as(admin).get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("status", equalTo("active")).body("events", equalTo(ALL_EVENTS));
        Api.as(admin).get("/api/v1/webhooks").then().statusCode(200).body("items", hasSize(1))
                .body("items[0]", not(hasKey("secret")));

        // The database holds it sealed under a key it never sees.
        String stored = asTenant.call(tenant, () -> (String) endpoints.getEntityManager()
                .createNativeQuery("SELECT secret FROM webhook_endpoint WHERE id = cast(:id as uuid)")
                .setParameter("id", id).getSingleResult());
        String secret = created.path("secret");
        assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
        assertThat(secrets.open(stored)).isEqualTo(secret);
    }

    @Inject
    AsTenant asTenant;
    @Inject
    WebhookEndpointRepository endpoints;
    @Inject
    SecretBox secrets;

    @ParameterizedTest
    @ValueSource(strings = { "ftp://127.0.0.1/hooks", "not a url", "https://10.0.0.7/hooks", "https://192.168.1.20/hooks",
            "https://172.16.5.4/hooks", "https://169.254.169.254/latest/meta-data", "https://[::1]/hooks",
            "https://[fd00:ec2::254]/hooks", "https://[::ffff:10.0.0.7]/hooks", "https://100.100.100.200/hooks",
            "https://0.0.0.0/hooks", "https://user:password@127.0.0.1/hooks", "https://127.0.0.2/hooks" })
    void refusesUrlsThatAreNotPublicHttpsEndpoints(String url) {
        Api.as(admin).body(Map.of("url", url, "events", ALL_EVENTS)).post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        Api.as(admin).get("/api/v1/webhooks").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String endpoint = register("/strict", List.of("assessment.closed")).path("endpoint.id");
        Api.as(admin).get("/api/v1/webhooks/not-an-id").then().statusCode(404).contentType("application/problem+json");
        Api.as(admin).post("/api/v1/webhooks/{id}/deliveries/not-an-id/redeliver", endpoint).then().statusCode(404)
                .contentType("application/problem+json");
        Api.as(admin).body("{\"url\": ").post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json");
        Api.as(admin).body(Map.of("url", receiver.url("/x"), "events", List.of("assessment.closed"), "secret", "mine"))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
        Api.as(admin).body(Map.of("url", receiver.url("/x"), "events", "assessment.closed"))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
        Api.as(admin).body(Map.of("url", receiver.url("/x"), "events", List.of("assessment.closed"),
                "description", "d".repeat(501))).post("/api/v1/webhooks").then().statusCode(400);
        Api.as(admin).body(Map.of("status", "active")).patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(400)
                .contentType("application/problem+json");
        Api.as(admin).body(Map.of("url", "https://10.0.0.1/hooks")).patch("/api/v1/webhooks/{id}", endpoint).then()
                .statusCode(400).body("errors[0].field", equalTo("url"));
        Api.as(admin).body(Map.of("enabled", false)).header("If-Match", "\"999\"")
                .patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(412);
        Api.as(admin).get("/api/v1/webhooks").then().body("items", hasSize(1))
                .body("items[0].url", equalTo(receiver.url("/strict"))).body("items[0].status", equalTo("active"));
    }

    @Test
    void refusesUnknownEventsAndOtherRoles() {
        Api.as(admin).body(Map.of("url", receiver.url("/hooks"), "events", List.of("assessment.deleted")))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("events"));
        Api.as(admin).body(Map.of("url", receiver.url("/hooks"), "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(400);
        for (String role : List.of(Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER)) {
            Api.as(Tokens.as(tenant, "someone", role)).body(Map.of("url", receiver.url("/hooks"), "events", ALL_EVENTS))
                    .post("/api/v1/webhooks").then().statusCode(403);
            Api.as(Tokens.as(tenant, "someone", role)).get("/api/v1/webhooks").then().statusCode(403);
        }
    }

    @Test
    void eventsArriveSignedAsStandardWebhooksSaysAndOnceEach() throws Exception {
        var created = register("/all", ALL_EVENTS);
        String endpoint = created.path("endpoint.id");
        Webhook verifier = new Webhook(created.<String>path("secret"));
        String team = Api.newTeam(tenant, "Signals");
        String assessment = openAssessment(team);
        answer(team, assessment, 6); // reaches the threshold (5) at the fifth, and passes it
        close(assessment);

        List<Received> received = awaitReceived("/all", 3);
        for (Received request : received) {
            verifier.verify(request.body(), request.headers()); // throws unless id, timestamp and signature hold
            assertThat(request.header("webhook-id")).startsWith("msg_");
            assertThat(request.header("content-type")).isEqualTo("application/json");
        }
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (Received request : received) {
            JsonNode body = json(request.body());
            byType.put(body.get("type").asText(), body);
        }
        assertThat(byType).containsOnlyKeys(ALL_EVENTS);
        assertThat(byType.get("assessment.quorum_reached").at("/data/assessmentId").asText()).isEqualTo(assessment);
        assertThat(byType.get("assessment.quorum_reached").at("/data/anonymityThreshold").asInt()).isEqualTo(5);
        assertThat(byType.get("assessment.closed").at("/data/respondents").asInt()).isEqualTo(6);
        assertThat(byType.get("assessment.closed").at("/data/profileStatus").asText()).isEqualTo("available");
        assertThat(byType.get("profile.available").at("/data/profile").asText())
                .isEqualTo("/api/v1/assessments/" + assessment + "/profile");
        assertThat(byType.get("assessment.closed").at("/data/teamId").asText()).isEqualTo(team);

        // Another secret does not verify: the signature is the endpoint's own.
        Webhook stranger = new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> stranger.verify(received.get(0).body(), received.get(0).headers()))
                .isInstanceOf(WebhookVerificationException.class);

        await().atMost(PATIENCE).until(() -> deliveries(endpoint).stream().allMatch(d -> "delivered".equals(d.get("status"))));
        List<Map<String, Object>> log = deliveries(endpoint);
        assertThat(log).hasSize(3);
        assertThat(log).extracting(d -> d.get("eventId")).containsExactlyInAnyOrderElementsOf(
                received.stream().map(r -> r.header("webhook-id")).toList());
        // Once each: one attempt per delivery in the log, and nothing more at the receiver after a later message.
        assertThat(log).allSatisfy(d -> assertThat(d.get("attempts")).isEqualTo(1));
        afterALaterMessage(admin, endpoint, "/all");
        assertThat(events("/all")).hasSize(3).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
    }

    @Inject
    app.asynchealth.assessment.AssessmentLifecycle lifecycle;

    @Test
    void anAssessmentClosedByItsClosingTimeIsAnnouncedToo() throws Exception {
        String endpoint = register("/on-time", List.of("assessment.closed")).path("endpoint.id");
        String assessment = openAssessment(Api.newTeam(tenant, "On time"));
        lifecycle.advanceAll(java.time.Instant.now().plus(Duration.ofDays(9))); // past closesAt (8 days out)
        Received request = awaitReceived("/on-time", 1).get(0);
        assertThat(json(request.body()).at("/data/assessmentId").asText()).isEqualTo(assessment);
        assertThat(deliveries(endpoint)).hasSize(1);
    }

    @Test
    void onlySubscribedEventsAreSentAndSuppressedProfilesAreNotAnnounced() {
        String profiles = register("/profiles", List.of("profile.available")).path("endpoint.id");
        var closedOnly = register("/closed", List.of("assessment.closed"));
        String team = Api.newTeam(tenant, "Small");
        String assessment = openAssessment(team);
        answer(team, assessment, 2); // below the threshold: the profile stays suppressed
        close(assessment);

        Received closed = awaitReceived("/closed", 1).get(0);
        assertThat(closed.body()).contains("\"profileStatus\":\"suppressed\"").contains("\"respondents\":2");
        // The outbox is written with the change: no delivery for the profile endpoint exists, so none can ever go...
        assertThat(deliveries(profiles)).isEmpty();
        assertThat(deliveries(closedOnly.path("endpoint.id"))).hasSize(1);
        // ...and the receiver, once a later message got through, saw nothing else.
        afterALaterMessage(admin, profiles, "/profiles");
        assertThat(events("/profiles")).isEmpty();
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffUnderTheSameIdUntilDelivered() {
        receiver.answer("/flaky", 500, 503);
        String endpoint = register("/flaky", List.of("assessment.closed")).path("endpoint.id");
        String team = Api.newTeam(tenant, "Flaky");
        close(openAssessment(team));

        List<Received> attempts = awaitReceived("/flaky", 3);
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(attempts.get(0).header("webhook-id"));
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(endpoint).get(0).get("status")));
        Map<String, Object> delivery = deliveries(endpoint).get(0);
        assertThat(delivery.get("attempts")).isEqualTo(3);
        assertThat((List<Map<String, Object>>) delivery.get("attemptLog")).extracting(a -> a.get("statusCode"))
                .containsExactly(500, 503, 204);
        Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().body("consecutiveFailures", equalTo(0))
                .body("status", equalTo("active"));
    }

    @Test
    void deliveriesGiveUpAfterTheLastAttemptAndTheEndpointIsDisabledAfterRepeatedFailures() {
        receiver.answer("/down", 500, 500, 500, 500, 500, 500, 500, 500);
        String endpoint = register("/down", List.of("assessment.closed")).path("endpoint.id");
        String team = Api.newTeam(tenant, "Down");
        close(openAssessment(team));
        await().atMost(PATIENCE).until(() -> "failed".equals(deliveries(endpoint).get(0).get("status")));
        assertThat(deliveries(endpoint).get(0).get("attempts")).isEqualTo(4); // max-attempts in the test profile
        Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().body("status", equalTo("active"))
                .body("consecutiveFailures", equalTo(4));

        close(openAssessment(team)); // two more failures reach disable-after-failures (6)
        await().atMost(PATIENCE).until(() -> "disabled".equals(
                Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().extract().path("status")));
        Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().body("disabledReason", equalTo("6 failed attempts in a row"));
        Map<String, Object> paused = deliveries(endpoint).get(0);
        assertThat(paused.get("status")).isEqualTo("pending");
        assertThat(paused).doesNotContainKey("nextAttemptAt");
        assertThat(receiver.received("/down")).hasSize(6);

        // Enabled again, the paused delivery goes out (the receiver is healthy by now).
        receiver.answer("/down");
        Api.as(admin).body(Map.of("enabled", true)).patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(200)
                .body("status", equalTo("active"));
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(endpoint).get(0).get("status")));
    }

    @Test
    void aFailedDeliveryIsSentAgainOnRequestAsTheSameMessageWithAFreshRoundOfAttempts() {
        receiver.answer("/again", 500, 500, 500, 500);
        String endpoint = register("/again", List.of("assessment.closed")).path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Again")));
        await().atMost(PATIENCE).until(() -> "failed".equals(deliveries(endpoint).get(0).get("status")));
        String delivery = (String) deliveries(endpoint).get(0).get("id");

        // Paused while the endpoint is disabled, so the second request finds it still on its way.
        Api.as(admin).body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(200);
        Api.as(admin).post("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver", endpoint, delivery).then()
                .statusCode(202).body("status", equalTo("pending")).body("attempts", equalTo(4));
        Api.as(admin).post("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver", endpoint, delivery).then()
                .statusCode(409).contentType("application/problem+json");
        String other = Tokens.tenantAdmin(Api.newTenant());
        Api.as(other).post("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver", endpoint, delivery).then()
                .statusCode(404);
        Api.as(admin).post("/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver", endpoint,
                java.util.UUID.randomUUID()).then().statusCode(404);

        Api.as(admin).body(Map.of("enabled", true)).patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(endpoint).get(0).get("status")));
        Map<String, Object> delivered = deliveries(endpoint).get(0);
        assertThat(delivered.get("attempts")).isEqualTo(5);
        assertThat((List<Map<String, Object>>) delivered.get("attemptLog")).extracting(a -> a.get("number"))
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(receiver.received("/again")).hasSize(5).extracting(r -> r.header("webhook-id"))
                .containsOnly((String) delivered.get("eventId"));
    }

    @Test
    void aTestMessageGoesSignedToTheChosenEndpointAlone() throws Exception {
        var created = register("/ping", ALL_EVENTS);
        String endpoint = created.path("endpoint.id");
        String bystander = register("/bystander", ALL_EVENTS).path("endpoint.id");
        String eventId = Api.as(admin).post("/api/v1/webhooks/{id}/test", endpoint).then().statusCode(202)
                .body("eventType", equalTo("webhook.test")).body("status", equalTo("pending")).extract().path("eventId");

        Received ping = awaitReceived("/ping", 1).get(0);
        new Webhook(created.<String>path("secret")).verify(ping.body(), ping.headers());
        assertThat(ping.header("webhook-id")).isEqualTo(eventId);
        assertThat(json(ping.body()).get("type").asText()).isEqualTo("webhook.test");
        assertThat(json(ping.body()).at("/data/endpointId").asText()).isEqualTo(endpoint);
        assertThat(deliveries(bystander)).isEmpty();
        afterALaterMessage(admin, bystander, "/bystander");
        assertThat(receiver.received("/bystander")).hasSize(1); // its own test message, not the other's

        // Nobody subscribes to test messages, and a disabled endpoint is not sent one.
        Api.as(admin).body(Map.of("url", receiver.url("/x"), "events", List.of("webhook.test")))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("events"));
        Api.as(admin).body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(200);
        Api.as(admin).post("/api/v1/webhooks/{id}/test", endpoint).then().statusCode(409);
        Api.as(Tokens.tenantAdmin(Api.newTenant())).post("/api/v1/webhooks/{id}/test", endpoint).then().statusCode(404);
    }

    @Test
    void anEndpointAnswering410IsDisabledAtOnce() {
        receiver.answer("/gone", 410);
        String endpoint = register("/gone", List.of("assessment.closed")).path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Gone")));
        await().atMost(PATIENCE).until(() -> "disabled".equals(
                Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().extract().path("status")));
        Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then()
                .body("disabledReason", equalTo("the endpoint answered 410 Gone"));
        assertThat(deliveries(endpoint).get(0).get("status")).isEqualTo("failed");
        assertThat(receiver.received("/gone")).hasSize(1);
    }

    @Test
    void aSlowEndpointTimesOutAndIsRetried() {
        receiver.delay("/slow", Duration.ofSeconds(3));
        String endpoint = register("/slow", List.of("assessment.closed")).path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Slow")));
        await().atMost(PATIENCE).until(() -> deliveries(endpoint).get(0).get("attemptLog") != null
                && !((List<?>) deliveries(endpoint).get(0).get("attemptLog")).isEmpty());
        Map<String, Object> attempt = ((List<Map<String, Object>>) deliveries(endpoint).get(0).get("attemptLog")).get(0);
        assertThat(attempt.get("error")).isEqualTo("no answer within 1000 ms");
        assertThat(attempt).doesNotContainKey("statusCode");
    }

    @Test
    void anEndpointThatDripsItsAnswerIsCutOffAtTheDeadline() {
        receiver.drip("/drip", Duration.ofSeconds(8));
        String endpoint = register("/drip", List.of("assessment.closed")).path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Drip")));
        await().atMost(PATIENCE).until(() -> !((List<?>) deliveries(endpoint).get(0).get("attemptLog")).isEmpty());
        Map<String, Object> attempt = ((List<Map<String, Object>>) deliveries(endpoint).get(0).get("attemptLog")).get(0);
        assertThat(attempt).doesNotContainKey("statusCode");
        assertThat(attempt.get("error")).isEqualTo("no complete answer within 2000 ms");
        // connect-timeout plus request-timeout in the test profile: 2 s, well before the 8 s drip ends
        assertThat((Integer) attempt.get("durationMs")).isBetween(1900, 4000);
    }

    @Test
    void aRotatedSecretSignsTheNextDeliveries() throws Exception {
        var created = register("/rotating", List.of("assessment.closed"));
        String endpoint = created.path("endpoint.id");
        String fresh = Api.as(admin).post("/api/v1/webhooks/{id}/secret", endpoint).then().statusCode(200).extract()
                .path("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(created.path("secret"));
        close(openAssessment(Api.newTeam(tenant, "Rotation")));
        Received request = awaitReceived("/rotating", 1).get(0);
        new Webhook(fresh).verify(request.body(), request.headers());
        assertThatThrownBy(() -> new Webhook(created.<String>path("secret")).verify(request.body(), request.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void anotherTenantsEndpointsAndEventsStayInvisible() {
        String endpoint = register("/tenant-a", List.of("assessment.closed")).path("endpoint.id");
        String other = Api.newTenant();
        String otherAdmin = Tokens.tenantAdmin(other);
        String endpointOfB = Api.as(otherAdmin).body(Map.of("url", receiver.url("/tenant-b"), "events", ALL_EVENTS))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");

        Api.as(otherAdmin).get("/api/v1/webhooks/{id}", endpoint).then().statusCode(404)
                .contentType("application/problem+json");
        Api.as(otherAdmin).body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", endpoint).then().statusCode(404);
        Api.as(otherAdmin).delete("/api/v1/webhooks/{id}", endpoint).then().statusCode(404);
        Api.as(otherAdmin).post("/api/v1/webhooks/{id}/secret", endpoint).then().statusCode(404);
        Api.as(otherAdmin).get("/api/v1/webhooks/{id}/deliveries", endpoint).then().statusCode(404);
        Api.as(otherAdmin).get("/api/v1/webhooks").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", not(equalTo(endpoint)));

        close(openAssessment(Api.newTeam(tenant, "Only A")));
        awaitReceived("/tenant-a", 1);
        afterALaterMessage(otherAdmin, endpointOfB, "/tenant-b");
        assertThat(events("/tenant-b")).isEmpty();
        assertThat(Api.as(otherAdmin).get("/api/v1/webhooks/{id}/deliveries", endpointOfB).then().statusCode(200)
                .extract().jsonPath().getList("items.eventType")).containsOnly("webhook.test");
        Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().statusCode(200);
    }

    @Inject
    WebhookDispatcher dispatcher;

    @Test
    void finishedDeliveriesLeaveTheLogAfterTheRetentionAndPendingOnesStay() {
        receiver.answer("/kept", 500, 500, 500, 500, 500, 500, 500, 500);
        String delivered = register("/pruned", List.of("assessment.closed")).path("endpoint.id");
        String failing = register("/kept", List.of("assessment.closed")).path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Pruned")));
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveries(delivered).get(0).get("status")));
        await().atMost(PATIENCE).until(() -> !receiver.received("/kept").isEmpty());

        assertThat(dispatcher.pruneLog(java.time.Instant.now().minus(Duration.ofDays(1)))).isZero();
        assertThat(deliveries(delivered)).hasSize(1);
        assertThat(dispatcher.pruneLog(java.time.Instant.now().plusSeconds(1))).isPositive();
        assertThat(deliveries(delivered)).isEmpty();
        // Still being retried (four attempts take at least three polls): never pruned.
        assertThat(deliveries(failing)).singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("pending"));
    }

    @Test
    void deletingAnEndpointStopsItsDeliveries() {
        receiver.answer("/deleted", 500, 500, 500);
        String endpoint = register("/deleted", List.of("assessment.closed")).path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Deleted")));
        awaitReceived("/deleted", 1);
        Api.as(admin).delete("/api/v1/webhooks/{id}", endpoint).then().statusCode(204);
        int seen = receiver.received("/deleted").size();
        // At most the attempt in flight: watched for four polls (1 s each), longer than any retry wait (at most 1 s).
        await().during(Duration.ofSeconds(4)).atMost(PATIENCE).until(() -> receiver.received("/deleted").size() <= seen + 1);
        Api.as(admin).get("/api/v1/webhooks/{id}", endpoint).then().statusCode(404);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> attemptLog(String endpoint) {
        List<Map<String, Object>> log = deliveries(endpoint);
        return log.isEmpty() || log.get(0).get("attemptLog") == null ? List.of()
                : (List<Map<String, Object>>) log.get(0).get("attemptLog");
    }

    @Test
    void theDispatcherWaitsAsConfiguredBetweenAttempts() {
        // 0.2 s, ×2, at most 1 s in the test profile, ±50 %: what the dispatcher itself schedules with.
        for (int i = 0; i < 500; i++) {
            assertThat(dispatcher.retryDelayMillis(1)).isBetween(100L, 300L);
            assertThat(dispatcher.retryDelayMillis(2)).isBetween(200L, 600L);
            assertThat(dispatcher.retryDelayMillis(6)).isBetween(500L, 1000L);
        }
    }

    @Test
    void redirectsAreNotFollowedInsideTheNetworkOrAnywhere() {
        // 127.0.0.2 is loopback too, but not allowed: it stands in for an internal service such as cloud metadata.
        try (WebhookReceiver internal = new WebhookReceiver("127.0.0.2")) {
            receiver.redirect("/to-internal", internal.url("/latest/meta-data"));
            receiver.redirect("/to-allowed", receiver.url("/target"));
            String toInternal = register("/to-internal", List.of("assessment.closed")).path("endpoint.id");
            String toAllowed = register("/to-allowed", List.of("assessment.closed")).path("endpoint.id");
            close(openAssessment(Api.newTeam(tenant, "Redirects")));

            await().atMost(PATIENCE).until(() -> attemptLog(toInternal).size() >= 2 && attemptLog(toAllowed).size() >= 2);
            for (String endpoint : List.of(toInternal, toAllowed)) {
                // Each attempt is a failure that records the 302, and is retried as one.
                assertThat(attemptLog(endpoint)).allSatisfy(attempt -> assertThat(attempt.get("statusCode")).isEqualTo(302));
                assertThat(deliveries(endpoint).get(0).get("status")).isNotEqualTo("delivered");
            }
            assertThat(internal.received("/latest/meta-data")).isEmpty();
            assertThat(receiver.received("/target")).isEmpty();
        }
    }

    @Test
    void aDestinationRefusedAfterItsRegistrationIsNotSentTo() {
        String endpoint = register("/no-longer-allowed", List.of("assessment.closed")).path("endpoint.id");
        // From now on 127.0.0.1 is not allowed (as when an operator narrows allowed-destinations, or a name now resolves
        // inside the network): the check before each attempt refuses it.
        QuarkusMock.installMockForType(new DestinationPolicy(Optional.empty(), true), DestinationPolicy.class);
        close(openAssessment(Api.newTeam(tenant, "Refused later")));

        await().atMost(PATIENCE).until(() -> !attemptLog(endpoint).isEmpty());
        Map<String, Object> attempt = attemptLog(endpoint).get(0);
        assertThat(attempt).doesNotContainKey("statusCode");
        assertThat((String) attempt.get("error")).startsWith("destination refused")
                .contains("inside a private network (127.0.0.1)");
        assertThat(receiver.received("/no-longer-allowed")).isEmpty();
    }

    @Test
    void aNameThatResolvesInsideTheNetworkWhenConnectingIsRefused() {
        // DNS rebinding: the name passes the check of its URL, then resolves to an internal address when the client
        // connects. Only the client's own resolver, which asks the policy about the very addresses, stands in the way.
        DestinationPolicy namePasses = new DestinationPolicy(Optional.of(List.of("localhost")), true);
        DestinationPolicy addressesRefused = new DestinationPolicy(Optional.empty(), true);
        QuarkusMock.installMockForType(new DestinationPolicy(Optional.empty(), true) {
            @Override
            public Optional<String> refusal(String url) {
                return namePasses.refusal(url);
            }

            @Override
            public Optional<String> refusal(String host, InetAddress[] addresses) {
                return addressesRefused.refusal(host, addresses);
            }
        }, DestinationPolicy.class);
        String url = receiver.url("/rebound").replace("127.0.0.1", "localhost");
        String endpoint = Api.as(admin).body(Map.of("url", url, "events", List.of("assessment.closed")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
        close(openAssessment(Api.newTeam(tenant, "Rebound")));

        await().atMost(PATIENCE).until(() -> !attemptLog(endpoint).isEmpty());
        Map<String, Object> attempt = attemptLog(endpoint).get(0);
        assertThat(attempt).doesNotContainKey("statusCode");
        assertThat((String) attempt.get("error")).contains("refused").contains("inside a private network");
        assertThat(receiver.received("/rebound")).isEmpty();
    }
}
