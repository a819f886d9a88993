package app.asynchealth.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
public class ProfileResourceTest {

    String tenant;
    String admin;
    String team;

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Scored");
        for (int i = 0; i < 8; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "m" + i, "subject", "m" + i));
        }
    }

    public static String answers(int focusHours, String meetings) {
        return """
                {"answers": {"role": "ic", "working-style": "hybrid", "team-async-style": "mostly-async",
                 "comm-guide-documented": "no", "comm-norms-clear": 2, "comm-effectiveness": 3,
                 "meetings-could-be-async": "%s", "response-expectation": "within-an-hour",
                 "response-norms-agreed": 2, "focus-hours": %d, "hours-worked": 40, "realtime-share": 45,
                 "after-hours-frequency": "sometimes", "schedule-control": 3,
                 "async-alignment-effect": "somewhat-improves", "team-connectedness": 4,
                 "one-change": "secret text"}, "submitted": true}""".formatted(meetings, focusHours);
    }

    /** An assessment of the team answered by the first {@code respondents} members, then closed. */
    String closedRound(int respondents, int focusHours, String previous) {
        java.time.Instant now = java.time.Instant.now();
        var body = new java.util.HashMap<String, Object>(Map.of("teamId", team, "title", "Round",
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(86400).toString()));
        if (previous != null) {
            body.put("previousAssessmentId", previous);
        }
        String id = Api.as(admin).body(body).post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        Api.open(tenant, id);
        for (int i = 0; i < respondents; i++) {
            Api.as(Tokens.as(tenant, "m" + i, Roles.MEMBER)).body(answers(focusHours, "often"))
                    .put("/api/v1/assessments/{id}/response", id).then().statusCode(201);
        }
        Api.as(admin).post("/api/v1/assessments/{id}/close", id).then().statusCode(200);
        return id;
    }

    @Test
    void belowTheThresholdAProfileIsSuppressedWithCountsOnly() {
        String id = closedRound(4, 6, null);
        Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then().statusCode(200)
                .body("status", equalTo("suppressed")).body("respondents", equalTo(4))
                .body("anonymityThreshold", equalTo(5)).body("reason", notNullValue())
                .body("$", not(hasKey("score"))).body("$", not(hasKey("dimensions")))
                .body("$", not(hasKey("recommendations")));
    }

    @Test
    void atExactlyTheThresholdTheProfileIsAvailable() {
        String id = closedRound(5, 6, null);
        Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then().statusCode(200)
                .body("status", equalTo("available")).body("respondents", equalTo(5))
                .body("score", notNullValue()).body("level", notNullValue())
                .body("dimensions.key", hasItem("communication-guidelines"))
                .body("dimensions.find { it.key == 'deep-focus' }.metrics.find { it.key == 'mean-focus-hours' }.value", equalTo(6.0f))
                .body("dimensions.find { it.key == 'deep-focus' }.metrics.find { it.key == 'mean-focus-hours' }.benchmarkValue", equalTo(11.7f))
                .body("recommendations.key", hasItem("protect-focus-blocks"))
                .body("recommendations.find { it.key == 'protect-focus-blocks' }.evidence",
                        equalTo("Your team averages 6 h of deep focus a week; the report's average is 11.7 h, and 26% get under 5 h."))
                .body(not(org.hamcrest.Matchers.containsString("secret text")));
    }

    @Test
    void beforeCloseThereIsNoProfile() {
        String id = Api.newAssessment(tenant, team);
        Api.open(tenant, id);
        for (int i = 0; i < 6; i++) {
            Api.as(Tokens.as(tenant, "m" + i, Roles.MEMBER)).body(answers(10, "rarely"))
                    .put("/api/v1/assessments/{id}/response", id).then().statusCode(201);
        }
        Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then().statusCode(200)
                .body("status", equalTo("pending")).body("$", not(hasKey("score")));
    }

    @Test
    void theComparisonFollowsTheTeamsSegmentByItsOwnAnswersAndStatesIt() {
        Api.as(admin).body(Map.of("companySize", "500+", "workingStyle", "in-office")).patch("/api/v1/tenants/{id}", tenant)
                .then().statusCode(200);
        String id = closedRound(5, 12, null);
        Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then()
                .body("scoringModel", equalTo("3"))
                .body("comparison.companySize", equalTo("large"))
                // All five describe their team as mostly async: the async-first figures apply, and the profile says why.
                .body("comparison.segments.key", hasItem("async-first"))
                .body("comparison.segments.find { it.key == 'async-first' }.basis",
                        equalTo("5 of 5 respondents describe their team as fully or mostly async"))
                .body("dimensions.find { it.key == 'after-hours' }.metrics.find { it.key == 'respond-after-hours' }.benchmarkKey",
                        equalTo("respond-after-hours-async"))
                .body("dimensions.find { it.key == 'after-hours' }.metrics.find { it.key == 'respond-after-hours' }.segment",
                        equalTo("async-first"))
                // They work hybrid, whatever the tenant's setting says: no in-office figure; the large-company one is
                // another measure, shown as context only.
                .body("dimensions.find { it.key == 'realtime-load' }.metrics[0]", not(hasKey("benchmarkKey")))
                .body("dimensions.find { it.key == 'realtime-load' }.metrics[0]", not(hasKey("verdict")))
                .body("dimensions.find { it.key == 'realtime-load' }.metrics[0].context.key",
                        hasItem("realtime-share-large-companies"))
                // Five answers of 12 h: no spread to measure, so a conservative interval and no certain verdict.
                .body("dimensions.find { it.key == 'deep-focus' }.metrics.find { it.key == 'mean-focus-hours' }.verdict",
                        equalTo("no-clear-difference"))
                .body("dimensions.find { it.key == 'deep-focus' }.metrics.find { it.key == 'mean-focus-hours' }.differenceMethod",
                        equalTo("team-interval"))
                .body("dimensions.find { it.key == 'communication-guidelines' }.metrics.find { it.key == 'without-documented-guide' }.differenceMethod",
                        equalTo("newcombe"));
    }

    @Test
    void theTrendShowsEachRoundAndTheChangeSinceTheLastVisibleOne() {
        String first = closedRound(5, 4, null);
        String second = closedRound(3, 20, first);
        String third = closedRound(6, 16, second);
        Api.as(admin).get("/api/v1/teams/{id}/trend", team).then().statusCode(200)
                .body("rounds.assessmentId", org.hamcrest.Matchers.contains(first, second, third))
                .body("rounds[0].status", equalTo("available")).body("rounds[0].change", nullValue())
                .body("rounds[1].status", equalTo("suppressed")).body("rounds[1]", not(hasKey("score")))
                .body("rounds[2].status", equalTo("available")).body("rounds[2].change", notNullValue())
                .body("rounds[2].dimensions.find { it.key == 'deep-focus' }.change", equalTo(60.0f));
    }

    @Test
    void onlyLeadsAdminsAndAnalystsSeeUnpublishedProfilesAndOtherTenantsNothing() {
        String id = closedRound(5, 6, null);
        // A member of the team: nothing until it is published to the team (ProfilePublicationTest).
        Api.as(Tokens.as(tenant, "m0", Roles.MEMBER)).get("/api/v1/assessments/{id}/profile", id).then().statusCode(404);
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).get("/api/v1/assessments/{id}/profile", id).then()
                .statusCode(200).body("status", equalTo("available"));
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        Api.as(intruder).get("/api/v1/assessments/{id}/profile", id).then().statusCode(404);
        Api.as(intruder).get("/api/v1/teams/{id}/trend", team).then().statusCode(404);
        Api.as(Tokens.as(tenant, "someone", Roles.TEAM_LEAD)).get("/api/v1/teams/{id}/trend", team).then().statusCode(404);
    }

    @Test
    void theBenchmarksAreServedWithTheirSentences() {
        Api.as(admin).get("/api/v1/benchmarks").then().statusCode(200)
                .body("items.key", hasItem("deep-focus-hours"))
                .body("items.quote", everyItem(notNullValue()))
                .body("items.source", everyItem(org.hamcrest.Matchers.containsString("216 survey responses")));
        Api.as(admin).get("/api/v1/benchmarks/high-performers-documented-guidelines").then().statusCode(200)
                .body("unit", equalTo("ratio")).body("value", equalTo(2.7f));
        Api.as(admin).get("/api/v1/benchmarks/invented").then().statusCode(404);
    }
}
