package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Superuser;
import app.asynchealth.support.Tokens;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Answers racing a close: each either commits before the close, and counts, or is refused with 409. Nothing is stored
 * or counted after the close.
 */
@QuarkusTest
class ClosingRaceTest {

    static final int MEMBERS = 12;

    /** One accepted write: when it says it was submitted (null for a draft). */
    record Accepted(int status, Instant submittedAt) {
    }

    @Test
    void submissionsRacingACloseCommitBeforeItOrAreRefused() throws Exception {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Racing");
        String admin = Tokens.tenantAdmin(tenant);
        for (int i = 0; i < MEMBERS; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "r" + i, "subject", "racer-" + i));
        }
        // An endpoint for every event: the close records how many had submitted, in its own transaction, and each
        // submission takes the quorum path too.
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.as(admin).body(Map.of("url", receiver.url("/hooks"), "events",
                    List.of("assessment.closed", "profile.available", "assessment.quorum_reached")))
                    .post("/api/v1/webhooks").then().statusCode(201);
            for (int round = 0; round < 3; round++) {
                race(tenant, team, admin);
            }
        }
    }

    private void race(String tenant, String team, String admin) throws Exception {
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> others = new ConcurrentLinkedQueue<>();
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch warmedUp = new CountDownLatch(MEMBERS * 2);
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        try {
            List<Future<?>> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String token = Tokens.as(tenant, "racer-" + i, Roles.MEMBER);
                int member = i;
                members.add(pool.submit(() -> {
                    // Submitted, then a draft, then submitted again: every write changes the count, until refused.
                    for (int n = 0; n < 500; n++) {
                        boolean submit = n % 2 == 0;
                        Response response = Api.as(token).body(AnsweringWalkthroughTest.answers(member)
                                .replace("\"submitted\": true", "\"submitted\": " + submit))
                                .put("/api/v1/assessments/{id}/response", assessment);
                        writes.incrementAndGet();
                        warmedUp.countDown();
                        if (response.statusCode() == 409) {
                            return;
                        }
                        if (response.statusCode() != 200 && response.statusCode() != 201) {
                            others.add(response.statusCode());
                            return;
                        }
                        String at = response.path("submittedAt");
                        accepted.add(new Accepted(response.statusCode(), at == null ? null : Instant.parse(at)));
                    }
                }));
            }
            assertThat(warmedUp.await(60, TimeUnit.SECONDS)).isTrue();
            Instant closedAt = Instant.parse(Api.as(admin).post("/api/v1/assessments/{id}/close", assessment).then()
                    .statusCode(200).extract().<String>path("closedAt"));
            for (Future<?> member : members) {
                member.get(60, TimeUnit.SECONDS);
            }
            assertThat(others).as("statuses other than 200, 201 and 409").isEmpty();
            assertThat(accepted).isNotEmpty();
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
                    .body("submittedCount", equalTo((int) submitted));
            Api.as(admin).get("/api/v1/assessments/{id}/profile", assessment).then().statusCode(200)
                    .body("respondents", equalTo((int) submitted));
            // And after the close, a write is refused and changes nothing.
            Api.as(Tokens.as(tenant, "racer-0", Roles.MEMBER)).body(AnsweringWalkthroughTest.answers(0))
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(409);
            assertThat((Long) Superuser.query("SELECT count(*) FROM response WHERE assessment_id = ?"
                    + " AND status = 'SUBMITTED'", UUID.fromString(assessment)).get(0)[0]).isEqualTo(submitted);
        } finally {
            pool.shutdownNow();
        }
    }
}
