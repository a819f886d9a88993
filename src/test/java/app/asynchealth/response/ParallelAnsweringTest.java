package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Superuser;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** One respondent writing from many clients at once: whole-replace PUTs queue up; If-Match lets exactly one win. */
@QuarkusTest
class ParallelAnsweringTest {

    static final int CLIENTS = 20;

    String tenant;
    String team;
    String assessment;

    @BeforeEach
    void openAssessment() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Parallel");
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
    }

    /** The outcome of one PUT: its status, its ETag and the focus hours it wrote. */
    record Outcome(int status, String etag, int focusHours) {
    }

    @Test
    void parallelFirstPutsWithACredentialAllSucceedWithOneFinalState() throws Exception {
        String member = Api.newMember(tenant, team, Map.of("externalId", "p1"));
        String credential = Api.claim(Api.invite(tenant, assessment, member).getString("issued[0].code"));
        firstPutsAllSucceed(credential);
    }

    @Test
    void parallelFirstPutsWithAnAccountAllSucceedWithOneSeatAndOneFinalState() throws Exception {
        Api.newMember(tenant, team, Map.of("externalId", "p2", "subject", "parallel-2"));
        firstPutsAllSucceed(Tokens.as(tenant, "parallel-2", Roles.MEMBER));
        // The account took its one seat once.
        assertThat((Long) Superuser.query("SELECT count(*) FROM invitation WHERE assessment_id = ?",
                UUID.fromString(assessment)).get(0)[0]).isEqualTo(1L);
    }

    @Test
    void parallelPutsWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String member = Api.newMember(tenant, team, Map.of("externalId", "p3"));
        String credential = Api.claim(Api.invite(tenant, assessment, member).getString("issued[0].code"));
        String etag = Api.as(credential).body("{\"answers\": {\"focus-hours\": 1}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201).extract().header("ETag");
        List<Outcome> outcomes = inParallel(hours -> Api.as(credential).header("If-Match", etag)
                .body("{\"answers\": {\"focus-hours\": " + hours + "}}")
                .put("/api/v1/assessments/{id}/response", assessment));
        List<Outcome> won = outcomes.stream().filter(outcome -> outcome.status() == 200).toList();
        assertThat(won).hasSize(1);
        assertThat(outcomes.stream().filter(outcome -> outcome.status() == 412)).hasSize(CLIENTS - 1);
        // The one state stored is the winner's, under the winner's ETag.
        Response current = Api.as(credential).get("/api/v1/assessments/{id}/response", assessment);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.<Integer>path("answers.focus-hours")).isEqualTo(won.get(0).focusHours());
        assertThat(current.header("ETag")).isEqualTo(won.get(0).etag()).isNotEqualTo(etag);
        assertStored(won.get(0).focusHours());
    }

    @Test
    void aFirstAnswerByAccountAndAnInvitationOfTheSameMemberBothSucceedWithOneSeat() throws Exception {
        String admin = Tokens.tenantAdmin(tenant);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String member = Api.newMember(tenant, team, Map.of("externalId", "both-" + round,
                        "subject", "both-" + round));
                String token = Tokens.as(tenant, "both-" + round, Roles.MEMBER);
                Future<Integer> answered = pool.submit(() -> Api.as(token).body("{\"answers\": {\"focus-hours\": 4}}")
                        .put("/api/v1/assessments/{id}/response", assessment).statusCode());
                Future<Integer> invited = pool.submit(() -> Api.as(admin)
                        .body(Map.of("memberIds", List.of(member), "delivery", "code"))
                        .post("/api/v1/assessments/{id}/invitations", assessment).statusCode());
                // Whichever comes first, both succeed: the account takes the seat (a pending code dies), or the
                // invitation finds the member seated already.
                assertThat(answered.get()).isEqualTo(201);
                assertThat(invited.get()).isIn(200, 201);
                assertThat(Superuser.query("SELECT status FROM invitation WHERE assessment_id = ? AND member_id = ?"
                        + " AND status <> 'REVOKED'", UUID.fromString(assessment), UUID.fromString(member)))
                        .extracting(row -> row[0]).containsExactly("CLAIMED");
                Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    private void firstPutsAllSucceed(String token) throws Exception {
        List<Outcome> outcomes = inParallel(hours -> Api.as(token)
                .body("{\"answers\": {\"focus-hours\": " + hours + "}}")
                .put("/api/v1/assessments/{id}/response", assessment));
        assertThat(outcomes).extracting(Outcome::status).as("every whole-replace PUT succeeds")
                .containsOnly(200, 201);
        assertThat(outcomes.stream().filter(outcome -> outcome.status() == 201)).hasSize(1);
        // Each PUT wrote a new version, one after the other; the state kept is the last one's.
        assertThat(outcomes.stream().map(Outcome::etag).distinct()).hasSize(CLIENTS);
        Response current = Api.as(token).get("/api/v1/assessments/{id}/response", assessment);
        Outcome last = outcomes.stream().filter(outcome -> outcome.etag().equals(current.header("ETag"))).findFirst()
                .orElseThrow();
        assertThat(current.<Integer>path("answers.focus-hours")).isEqualTo(last.focusHours());
        assertStored(last.focusHours());
    }

    /** Exactly one response of the assessment is stored, with exactly one answer: these focus hours. */
    private void assertStored(int focusHours) {
        List<Object[]> rows = Superuser.query("SELECT r.id, a.question_key, a.number_value FROM response r"
                + " JOIN answer a ON a.response_id = r.id WHERE r.assessment_id = ?", UUID.fromString(assessment));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)[1]).isEqualTo("focus-hours");
        assertThat(((BigDecimal) rows.get(0)[2]).intValue()).isEqualTo(focusHours);
    }

    private List<Outcome> inParallel(IntFunction<Response> put) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<Outcome>> calls = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int hours = 2 + i; // each client writes its own value
                calls.add(() -> {
                    Response response = put.apply(hours);
                    return new Outcome(response.statusCode(), response.header("ETag"), hours);
                });
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> outcome : pool.invokeAll(calls)) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
