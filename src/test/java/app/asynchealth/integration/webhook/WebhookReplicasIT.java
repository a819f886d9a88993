package app.asynchealth.integration.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.PackagedService;
import app.asynchealth.support.ReplicaPair;
import app.asynchealth.support.WebhookReceiver;
import app.asynchealth.support.WebhookReceiver.Received;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of the packaged service on one PostgreSQL ({@link ReplicaPair}), both dispatching webhooks at once, with a real receiver: each
 * event reaches each endpoint once (retries aside, which are the same message again), never once per replica.
 */
class WebhookReplicasIT {

    static final int ROUNDS = 12;
    static final int SCRIPTED_FAILURES = 5;

    static PackagedService first;
    static PackagedService second;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        ReplicaPair pair = ReplicaPair.get();
        first = pair.first;
        second = pair.second;
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    static RequestSpecification on(PackagedService replica, String token) {
        return given().baseUri(replica.baseUri().toString()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String bootstrap(Map<String, String> request) {
        return given().baseUri(first.baseUri().toString()).contentType(ContentType.JSON).body(request)
                .post("/api/v1/bootstrap/tokens").then().statusCode(200).extract().path("accessToken");
    }

    static double attempts(PackagedService replica) {
        String metrics = given().baseUri(replica.baseUri().toString()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(line -> line.startsWith("async_health_webhook_attempts_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void eachEventReachesEachEndpointOnceWhileBothReplicasDispatch() {
        String tenant = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        on(first, bootstrap(Map.of("role", "platform-admin"))).body(Map.of("id", tenant, "name", "Replicas"))
                .post("/api/v1/tenants").then().statusCode(201);
        String admin = bootstrap(Map.of("role", "tenant-admin", "tenant", tenant, "subject", "admin"));
        receiver.delay("/all", Duration.ofMillis(150)).delay("/closed", Duration.ofMillis(150));
        receiver.answer("/closed", java.util.Collections.nCopies(SCRIPTED_FAILURES, 500).toArray(Integer[]::new));
        String all = on(second, admin).body(Map.of("url", receiver.url("/all"), "events",
                List.of("assessment.closed", "profile.available", "assessment.quorum_reached")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
        String closed = on(first, admin).body(Map.of("url", receiver.url("/closed"), "events", List.of("assessment.closed")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");
        String team = on(first, admin).body(Map.of("name", "Replicated")).post("/api/v1/teams").then().statusCode(201)
                .extract().path("id");

        for (int i = 0; i < ROUNDS; i++) {
            PackagedService replica = i % 2 == 0 ? first : second; // changes happen on both replicas
            Instant now = Instant.now();
            String assessment = on(replica, admin).body(Map.of("teamId", team, "title", "Round " + i,
                    "opensAt", now.plus(Duration.ofDays(1)).toString(), "closesAt", now.plus(Duration.ofDays(8)).toString()))
                    .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
            on(replica, admin).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
            on(replica, admin).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> delivered("/all") == ROUNDS && delivered("/closed") == ROUNDS);
        // Give a replica that wrongly claimed a delivered message time to send it again.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received("/all").size() == ROUNDS
                        && receiver.received("/closed").size() == ROUNDS + SCRIPTED_FAILURES);

        Map<String, Long> toAll = countById(receiver.received("/all"));
        assertThat(toAll).hasSize(ROUNDS).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        Map<String, Long> successesToClosed = countById(receiver.received("/closed").stream()
                .filter(request -> request.status() == 204).toList());
        assertThat(successesToClosed).hasSize(ROUNDS).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(successesToClosed.keySet()).isEqualTo(toAll.keySet());

        // The delivery logs agree: every delivery delivered, with as many attempts as the receiver saw.
        Map<String, Long> requestsToClosed = countById(receiver.received("/closed"));
        List<Map<String, Object>> log = on(second, admin).queryParam("limit", 50)
                .get("/api/v1/webhooks/{id}/deliveries", closed).then().statusCode(200).extract().jsonPath()
                .getList("items");
        assertThat(log).hasSize(ROUNDS).allSatisfy(delivery -> {
            assertThat(delivery.get("status")).isEqualTo("delivered");
            assertThat(((Number) delivery.get("attempts")).longValue())
                    .isEqualTo(requestsToClosed.get((String) delivery.get("eventId")));
        });
        on(first, admin).get("/api/v1/webhooks/{id}/deliveries", all).then().statusCode(200);

        // Every attempt either replica made reached the receiver, and no more.
        double byFirst = attempts(first);
        double bySecond = attempts(second);
        System.out.printf("webhook attempts: replica A %.0f, replica B %.0f%n", byFirst, bySecond);
        assertThat(byFirst + bySecond).isEqualTo(ROUNDS * 2 + SCRIPTED_FAILURES);
        // Both replicas dispatched: otherwise "once per endpoint" would hold trivially, with one replica idle.
        assertThat(byFirst).as("attempts made by replica A").isPositive();
        assertThat(bySecond).as("attempts made by replica B").isPositive();
    }

    private static long delivered(String path) {
        return receiver.received(path).stream().filter(request -> request.status() == 204)
                .map(request -> request.header("webhook-id")).distinct().count();
    }

    private static Map<String, Long> countById(List<Received> requests) {
        return requests.stream().collect(Collectors.groupingBy(request -> request.header("webhook-id"),
                Collectors.counting()));
    }
}
