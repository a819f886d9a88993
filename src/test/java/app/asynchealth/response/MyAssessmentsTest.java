package app.asynchealth.response;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Members with an account find their open assessments themselves, and see where their own answer stands. */
@QuarkusTest
class MyAssessmentsTest {

    String tenant;
    String team;
    String me;

    @BeforeEach
    void member() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Mine");
        Api.newMember(tenant, team, Map.of("externalId", "me", "subject", "me-sub"));
        me = Tokens.as(tenant, "me-sub", Roles.MEMBER);
    }

    @Test
    void openAssessmentsOfMyTeamsWithMyOwnStatus() {
        String open = Api.newAssessment(tenant, team);
        Api.open(tenant, open);
        Api.newAssessment(tenant, team); // a draft: not listed
        String closed = Api.newAssessment(tenant, team);
        Api.open(tenant, closed);
        Api.close(tenant, closed);
        String elsewhere = Api.newTeam(tenant, "Not mine");
        Api.open(tenant, Api.newAssessment(tenant, elsewhere));

        Api.as(me).get("/api/v1/me/assessments").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(open)).body("items[0].teamId", equalTo(team))
                .body("items[0].response", equalTo("none"));
        Api.as(me).body("{\"answers\": {\"focus-hours\": 5}}").put("/api/v1/assessments/{id}/response", open).then()
                .statusCode(201);
        Api.as(me).get("/api/v1/me/assessments").then().body("items.response", contains("draft"));
        Api.as(me).body(AnsweringWalkthroughTest.answers(1)).put("/api/v1/assessments/{id}/response", open).then()
                .statusCode(200);
        Api.as(me).get("/api/v1/me/assessments").then().body("items.response", contains("submitted"));
    }

    @Test
    void aSeatClaimedWithACodeIsShownAsSuch() {
        String open = Api.newAssessment(tenant, team);
        Api.open(tenant, open);
        Api.claim(Api.invite(tenant, open).getString("issued[0].code"));
        Api.as(me).get("/api/v1/me/assessments").then().body("items.response", contains("claimed-by-code"));
    }

    @Test
    void anotherTenantsMemberWithTheSameSubjectSeesNothingHereAndCredentialsAreRefused() {
        String open = Api.newAssessment(tenant, team);
        Api.open(tenant, open);
        String otherTenant = Api.newTenant();
        Api.as(Tokens.as(otherTenant, "me-sub", Roles.MEMBER)).get("/api/v1/me/assessments").then().statusCode(200)
                .body("items", empty());
        Api.as(Tokens.as(tenant, "someone-else", Roles.MEMBER)).get("/api/v1/me/assessments").then().statusCode(200)
                .body("items", empty());
        Api.newMember(tenant, team, Map.of("externalId", "other"));
        String credential = Api.claim(Api.invite(tenant, open).getString("issued[0].code"));
        Api.as(credential).get("/api/v1/me/assessments").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
