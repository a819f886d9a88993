package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.assessment.AssessmentLifecycle;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Superuser;
import app.asynchealth.support.Tokens;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Answers racing a close, by hand or at the closing time: each write either commits before the close, and counts, or
 * is refused with 409. Nothing is stored, changed or counted after the close.
 */
@QuarkusTest
class ClosingRaceTest {

    static final int MEMBERS = 12;

    @Inject
    AssessmentLifecycle lifecycle;

    String tenant;
    String team;
    String admin;

    /** One accepted write: its status, and when it says it was submitted (null for a draft or a withdrawal). */
    record Accepted(int status, Instant submittedAt) {
    }

    @BeforeEach
    void teamOfTwelve() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Racing");
        admin = Tokens.tenantAdmin(tenant);
        for (int i = 0; i < MEMBERS; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "r" + i, "subject", "racer-" + i));
        }
    }

    @Test
    void writesRacingACloseByHandCommitBeforeItOrAreRefused() throws Exception {
        withEveryEvent(() -> {
            for (int round = 0; round < 3; round++) {
                race(Api.newAssessment(tenant, team), assessment -> Instant.parse(Api.as(admin)
                        .post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200).extract()
                        .<String>path("closedAt")));
            }
        });
    }

    @Test
    void writesRacingTheClosingTimeCommitBeforeTheScheduledCloseOrAreRefused() throws Exception {
        withEveryEvent(() -> {
            for (int round = 0; round < 2; round++) {
                Instant closesAt = Instant.now().plus(Duration.ofSeconds(3));
                String assessment = Api.as(admin).body(Map.of("teamId", team, "title", "Closing soon",
                        "opensAt", Instant.now().toString(), "closesAt", closesAt.toString()))
                        .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
                race(assessment, id -> {
                    // The lifecycle closes it the moment its time has come, while the members are still writing.
                    while (Instant.now().isBefore(closesAt)) {
                        Thread.onSpinWait();
                    }
                    lifecycle.advance(tenant, Instant.now());
                    Timestamp closedAt = (Timestamp) Superuser.query("SELECT closed_at FROM assessment WHERE id = ?",
                            UUID.fromString(id)).get(0)[0];
                    assertThat(closedAt).as("closed by the lifecycle").isNotNull();
                    return closedAt.toInstant();
                });
            }
        });
    }

    interface Rounds {
        void run() throws Exception;
    }

    /**
     * With an endpoint for every event: the close records, in its own transaction, how many had submitted, and every
     * submission takes the quorum path too.
     */
    private void withEveryEvent(Rounds rounds) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.as(admin).body(Map.of("url", receiver.url("/hooks"), "events",
                    List.of("assessment.closed", "profile.available", "assessment.quorum_reached")))
                    .post("/api/v1/webhooks").then().statusCode(201);
            rounds.run();
        }
    }

    private void race(String assessment, Function<String, Instant> close) throws Exception {
        Api.open(tenant, assessment);
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> others = new ConcurrentLinkedQueue<>();
        CountDownLatch warmedUp = new CountDownLatch(MEMBERS * 2);
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        try {
            List<Future<?>> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String token = Tokens.as(tenant, "racer-" + i, Roles.MEMBER);
                int member = i;
                members.add(pool.submit(() -> {
                    // Submitted, a draft, withdrawn, again: every write changes the count, until one is refused.
                    for (int n = 0; n < 5000; n++) {
                        Response response = n % 3 == 2
                                ? Api.as(token).delete("/api/v1/assessments/{id}/response", assessment)
                                : Api.as(token).body(AnsweringWalkthroughTest.answers(member)
                                        .replace("\"submitted\": true", "\"submitted\": " + (n % 3 == 0)))
                                        .put("/api/v1/assessments/{id}/response", assessment);
                        warmedUp.countDown();
                        if (response.statusCode() == 409) {
                            return;
                        }
                        if (response.statusCode() >= 300) {
                            others.add(response.statusCode());
                            return;
                        }
                        String at = response.statusCode() == 204 ? null : response.path("submittedAt");
                        accepted.add(new Accepted(response.statusCode(), at == null ? null : Instant.parse(at)));
                    }
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            Instant closedAt = close.apply(assessment);
            for (Future<?> member : members) {
                member.get(60, TimeUnit.SECONDS);
            }
            assertThat(others).as("statuses other than 2xx and 409").isEmpty();
            assertThat(accepted).extracting(Accepted::status).contains(201, 200, 204);
            // No write was accepted as submitted after the close.
            assertThat(accepted).allSatisfy(write -> {
                if (write.submittedAt() != null) {
                    assertThat(write.submittedAt()).isBeforeOrEqualTo(closedAt);
                }
            });
            // What is stored: only submissions from before the close, and the count is the one the close recorded.
            List<Object[]> stored = Superuser.query("SELECT count(*), max(submitted_at) FROM response"
                    + " WHERE assessment_id = ? AND status = 'SUBMITTED'", UUID.fromString(assessment));
            long submitted = (Long) stored.get(0)[0];
            if (stored.get(0)[1] != null) {
                assertThat(((Timestamp) stored.get(0)[1]).toInstant()).isBeforeOrEqualTo(closedAt);
            }
            String recorded = (String) Superuser.query("SELECT payload FROM webhook_event WHERE dedupe_key = ?",
                    "assessment.closed:" + assessment).get(0)[0];
            assertThat(recorded).contains("\"respondents\":" + submitted + ",");
            Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().statusCode(200)
                    .body("status", equalTo("closed")).body("submittedCount", equalTo((int) submitted));
            Api.as(admin).get("/api/v1/assessments/{id}/profile", assessment).then().statusCode(200)
                    .body("respondents", equalTo((int) submitted));
            // And after the close, writes are refused and change nothing.
            String token = Tokens.as(tenant, "racer-0", Roles.MEMBER);
            Api.as(token).body(AnsweringWalkthroughTest.answers(0))
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(409);
            Api.as(token).delete("/api/v1/assessments/{id}/response", assessment).then().statusCode(409);
            assertThat((Long) Superuser.query("SELECT count(*) FROM response WHERE assessment_id = ?"
                    + " AND status = 'SUBMITTED'", UUID.fromString(assessment)).get(0)[0]).isEqualTo(submitted);
        } finally {
            pool.shutdownNow();
        }
    }
}
