package app.asynchealth.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class AssessmentResourceTest {

    @Inject
    AssessmentLifecycle lifecycle;

    String tenant;
    String admin;
    String team;
    Instant now;

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Team");
        now = Instant.now();
    }

    private Map<String, Object> draft(Instant opensAt, Instant closesAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("teamId", team);
        body.put("title", "Round");
        body.put("opensAt", opensAt.toString());
        body.put("closesAt", closesAt.toString());
        return body;
    }

    private ValidatableResponse create(Map<String, Object> body) {
        return Api.as(admin).body(body).post("/api/v1/assessments").then();
    }

    @Test
    void aDraftTakesTheBuiltInTemplateAndTheTenantsThresholdByDefault() {
        create(draft(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(8)))).statusCode(201)
                .body("template.key", equalTo("async-health")).body("template.version", equalTo(1))
                .body("anonymityThreshold", equalTo(5)).body("status", equalTo("draft"))
                .body("invitedCount", equalTo(0)).body("submittedCount", equalTo(0));
    }

    @Test
    void theThresholdMayBeRaisedButNeverLowered() {
        Api.as(admin).body(Map.of("anonymityThreshold", 6)).patch("/api/v1/tenants/{id}", tenant).then().statusCode(200);
        Map<String, Object> lower = draft(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(8)));
        lower.put("anonymityThreshold", 5);
        create(lower).statusCode(400).body("errors[0].field", equalTo("anonymityThreshold"));
        Map<String, Object> higher = draft(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(8)));
        higher.put("anonymityThreshold", 8);
        String id = create(higher).statusCode(201).body("anonymityThreshold", equalTo(8)).extract().path("id");
        Api.as(admin).body(Map.of("anonymityThreshold", 4)).patch("/api/v1/assessments/{id}", id).then().statusCode(400);
    }

    @Test
    void badSchedulesTemplatesAndTeamsAreRefused() {
        create(draft(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(1)))).statusCode(400)
                .body("errors[0].field", equalTo("closesAt"));
        create(draft(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2)))).statusCode(400);
        Map<String, Object> unknownTemplate = draft(now, now.plus(Duration.ofDays(3)));
        unknownTemplate.put("template", Map.of("key", "async-health", "version", 99));
        create(unknownTemplate).statusCode(400).body("errors[0].field", equalTo("template"));
        Map<String, Object> foreignTeam = draft(now, now.plus(Duration.ofDays(3)));
        foreignTeam.put("teamId", Api.newTeam(Api.newTenant(), "Theirs"));
        create(foreignTeam).statusCode(400).body("errors[0].field", equalTo("teamId"));
        Map<String, Object> noDates = new HashMap<>(Map.of("teamId", team, "title", "No dates"));
        create(noDates).statusCode(400);
        Map<String, Object> clientId = draft(now, now.plus(Duration.ofDays(3)));
        clientId.put("status", "open");
        create(clientId).statusCode(400).body("errors[0].field", equalTo("status"));
        Api.as(admin).get("/api/v1/assessments").then().body("items", hasSize(0));
    }

    @Test
    void theLifecycleIsDraftOpenClosedAndNothingElse() {
        String id = create(draft(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(8)))).statusCode(201)
                .extract().path("id");
        Api.as(admin).post("/api/v1/assessments/{id}/close", id).then().statusCode(409);
        String opened = Api.as(admin).post("/api/v1/assessments/{id}/open", id).then().statusCode(200)
                .body("status", equalTo("open")).extract().header("ETag");
        // Opening again is harmless (a retry, or the scheduler was first) and changes nothing.
        Api.as(admin).post("/api/v1/assessments/{id}/open", id).then().statusCode(200).header("ETag", opened);
        Api.as(admin).body(Map.of("closesAt", now.plus(Duration.ofDays(20)).toString()))
                .patch("/api/v1/assessments/{id}", id).then().statusCode(409);
        Api.as(admin).body(Map.of("title", "Renamed")).patch("/api/v1/assessments/{id}", id).then().statusCode(200)
                .body("title", equalTo("Renamed"));
        Api.as(admin).delete("/api/v1/assessments/{id}", id).then().statusCode(409);
        Api.as(admin).post("/api/v1/assessments/{id}/close", id).then().statusCode(200).body("status", equalTo("closed"));
        Api.as(admin).post("/api/v1/assessments/{id}/close", id).then().statusCode(200).body("status", equalTo("closed"));
        Api.as(admin).post("/api/v1/assessments/{id}/open", id).then().statusCode(409);
    }

    @Test
    void theSchedulerOpensAndClosesOnTime() {
        String opensSoon = create(draft(now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)))).statusCode(201)
                .extract().path("id");
        String closesSoon = create(draft(now.plus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(3))))
                .statusCode(201).extract().path("id");
        Api.as(admin).post("/api/v1/assessments/{id}/open", closesSoon).then().statusCode(200);

        lifecycle.advanceAll(now.plus(Duration.ofMinutes(10)));
        Api.as(admin).get("/api/v1/assessments/{id}", opensSoon).then().body("status", equalTo("draft"));
        lifecycle.advanceAll(now.plus(Duration.ofHours(2)));
        Api.as(admin).get("/api/v1/assessments/{id}", opensSoon).then().body("status", equalTo("open"));
        Api.as(admin).get("/api/v1/assessments/{id}", closesSoon).then().body("status", equalTo("open"));
        assertThat(lifecycle.advanceAll(now.plus(Duration.ofHours(4)))).isGreaterThanOrEqualTo(1);
        Api.as(admin).get("/api/v1/assessments/{id}", closesSoon).then().body("status", equalTo("closed"));
        Api.as(admin).get("/api/v1/assessments/{id}", opensSoon).then().body("status", equalTo("open"));
    }

    @Test
    void aNextRoundBelongsToTheSameTeam() {
        String first = create(draft(now, now.plus(Duration.ofDays(3)))).statusCode(201).extract().path("id");
        Map<String, Object> next = draft(now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(40)));
        next.put("previousAssessmentId", first);
        create(next).statusCode(201).body("round", equalTo(2)).body("previousAssessmentId", equalTo(first));
        String otherTeam = Api.newTeam(tenant, "Other");
        Map<String, Object> wrong = draft(now, now.plus(Duration.ofDays(3)));
        wrong.put("teamId", otherTeam);
        wrong.put("previousAssessmentId", first);
        create(wrong).statusCode(400).body("errors[0].field", equalTo("previousAssessmentId"));
    }

    @Test
    void membersSeeTheirTeamsAssessmentsOnlyAndManageNone() {
        String mine = Api.newAssessment(tenant, team);
        String otherTeam = Api.newTeam(tenant, "Other");
        String notMine = Api.newAssessment(tenant, otherTeam);
        Api.newMember(tenant, team, Map.of("externalId", "m", "subject", "m"));
        String member = Tokens.as(tenant, "m", Roles.MEMBER);
        Api.as(member).get("/api/v1/assessments").then().statusCode(200)
                .body("items.id", hasItem(mine)).body("items.id", not(hasItem(notMine)));
        Api.as(member).get("/api/v1/assessments/{id}", notMine).then().statusCode(404);
        Api.as(member).post("/api/v1/assessments/{id}/open", mine).then().statusCode(403);
        Api.as(admin).queryParam("teamId", otherTeam).get("/api/v1/assessments").then()
                .body("items.id", hasItem(notMine)).body("items.id", not(hasItem(mine)));
        Api.as(admin).queryParam("status", "open").get("/api/v1/assessments").then().body("items", hasSize(0));
        Api.as(admin).queryParam("status", "pending").get("/api/v1/assessments").then().statusCode(400);
        Api.as(admin).queryParam("teamId", "nope").get("/api/v1/assessments").then().statusCode(400);
    }

    @Test
    void anotherTenantsAssessmentIsNotFoundOnAnyRoute() {
        String id = Api.newAssessment(tenant, team);
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        Api.as(intruder).get("/api/v1/assessments/{id}", id).then().statusCode(404);
        Api.as(intruder).body(Map.of("title", "x")).patch("/api/v1/assessments/{id}", id).then().statusCode(404);
        Api.as(intruder).post("/api/v1/assessments/{id}/open", id).then().statusCode(404);
        Api.as(intruder).post("/api/v1/assessments/{id}/close", id).then().statusCode(404);
        Api.as(intruder).delete("/api/v1/assessments/{id}", id).then().statusCode(404);
        Api.as(intruder).get("/api/v1/assessments").then().body("items.id", not(hasItem(id)));
        Api.as(intruder).post("/api/v1/assessments/{id}/invitations", id).then().statusCode(404);
        Api.as(intruder).get("/api/v1/assessments/{id}/invitations", id).then().statusCode(404);
        Api.as(admin).get("/api/v1/assessments/{id}", id).then().statusCode(200).body("status", equalTo("draft"));
    }

    @Test
    void actionsWithoutABodyAcceptAnyContentType() {
        String id = Api.newAssessment(tenant, team);
        io.restassured.RestAssured.given().auth().oauth2(admin).contentType("text/plain")
                .post("/api/v1/assessments/{id}/open", id).then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(admin).post("/api/v1/assessments/{id}/close", id).then()
                .statusCode(200).body("status", equalTo("closed"));
    }

    @Test
    void aDraftCanBeDeleted() {
        String id = Api.newAssessment(tenant, team);
        Api.as(admin).delete("/api/v1/assessments/{id}", id).then().statusCode(204);
        Api.as(admin).get("/api/v1/assessments/{id}", id).then().statusCode(404);
    }
}
