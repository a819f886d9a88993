package app.asynchealth.profile;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Live profiles: off by default; when on, snapshots that never differ by fewer respondents than the threshold. */
@QuarkusTest
class LiveProfileTest {

    String tenant;
    String admin;
    String assessment;
    String team;

    @BeforeEach
    void openAssessment() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Live");
        for (int i = 0; i < 12; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "m" + i, "subject", "m" + i));
        }
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
    }

    private void answer(int member, int focusHours) {
        Api.as(Tokens.as(tenant, "m" + member, Roles.MEMBER)).body(ProfileResourceTest.answers(focusHours, "often"))
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
    }

    private void answer(int member, String afterHoursReason) {
        String body = ProfileResourceTest.answers(10, "often");
        if (afterHoursReason != null) {
            body = body.replace("\"schedule-control\": 3", "\"schedule-control\": 3, \"after-hours-reason\": \"" + afterHoursReason + "\"");
        }
        Api.as(Tokens.as(tenant, "m" + member, Roles.MEMBER)).body(body)
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
    }

    private ValidatableResponse profile() {
        return Api.as(admin).get("/api/v1/assessments/{id}/profile", assessment).then().statusCode(200);
    }

    @Test
    void offByDefault() {
        for (int i = 0; i < 6; i++) {
            answer(i, 10);
        }
        Api.as(admin).get("/api/v1/tenants/{id}", tenant).then().body("liveProfiles", equalTo(false));
        profile().body("status", equalTo("pending")).body("$", not(hasKey("score")));
    }

    @Test
    void snapshotsAreRenewedOnlyAfterAnotherThresholdOfSubmissions() {
        Api.as(admin).body(Map.of("liveProfiles", true)).patch("/api/v1/tenants/{id}", tenant).then().statusCode(200)
                .body("liveProfiles", equalTo(true));
        for (int i = 0; i < 4; i++) {
            answer(i, 10);
        }
        profile().body("status", equalTo("suppressed")).body("$", not(hasKey("score")));
        answer(4, 10);
        String first = profile().body("status", equalTo("live")).body("respondents", equalTo(5))
                .body("snapshotTakenAt", notNullValue()).extract().path("snapshotTakenAt");
        // Four more: the lead still sees the snapshot of five, so no difference isolates fewer than five people.
        for (int i = 5; i < 9; i++) {
            answer(i, 30);
        }
        profile().body("respondents", equalTo(5)).body("snapshotTakenAt", equalTo(first))
                .body("reason", containsString("renewed after 5 more"));
        answer(9, 30);
        profile().body("status", equalTo("live")).body("respondents", equalTo(10))
                .body("snapshotTakenAt", not(equalTo(first)));
        // One more, then close: the final profile stays the snapshot of ten.
        answer(10, 0);
        Api.as(admin).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
        float score = profile().body("status", equalTo("available")).body("respondents", equalTo(10))
                .body("reason", containsString("Left out to keep them anonymous: 1 response(s)")).extract().path("score");
        // The trend shows the same final profile: nothing there tells the eleventh response apart either.
        Api.as(admin).get("/api/v1/teams/{id}/trend", team).then().statusCode(200)
                .body("rounds[0].respondents", equalTo(10)).body("rounds[0].score", equalTo(score));
    }

    @Test
    void aRenewedSnapshotShowsAQuestionOnlyWithTheThresholdOfNewAnswersToIt() {
        Api.as(admin).body(Map.of("liveProfiles", true)).patch("/api/v1/tenants/{id}", tenant).then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            answer(i, "personal-choice");
        }
        String pressured = "dimensions.find { it.key == 'after-hours' }.metrics.find { it.key == 'after-hours-pressured' }";
        profile().body("status", equalTo("live")).body(pressured + ".value", equalTo(0.0f))
                .body(pressured + ".answered", equalTo(5));
        // Five more respondents, one of whom gives a reason: six answers in all, but the change since the first
        // snapshot (0 of 5, then 1 of 6) would be that one person's answer. So the share has its count only.
        answer(5, "feel-pressured");
        for (int i = 6; i < 10; i++) {
            answer(i, null);
        }
        profile().body("status", equalTo("live")).body("respondents", equalTo(10))
                .body(pressured + ".status", equalTo("suppressed")).body(pressured + ".answered", equalTo(6))
                .body(pressured, not(hasKey("value")))
                .body("dimensions.find { it.key == 'after-hours' }.questions.find { it.key == 'after-hours-reason' }.status",
                        equalTo("suppressed"))
                // The questions everyone answered have five new answers each: still shown.
                .body("dimensions.find { it.key == 'after-hours' }.status", equalTo("available"))
                .body("dimensions.find { it.key == 'after-hours' }.metrics.find { it.key == 'respond-after-hours' }.answered",
                        equalTo(10));
    }
}
