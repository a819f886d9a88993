package app.asynchealth.assessment;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Participation: seats and submissions counted per round and across a team's rounds, for those who run the team. */
@QuarkusTest
class ParticipationTest {

    String tenant;
    String admin;
    String team;
    String[] members = new String[6];

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Counted");
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead", "role", "lead"));
        for (int i = 0; i < members.length; i++) {
            members[i] = Api.newMember(tenant, team, Map.of("externalId", "m" + i, "subject", "m" + i));
        }
    }

    private JsonPath issued;

    /** Four codes issued (two claimed, one of them submitted), and one member who answered with their account. */
    private String roundWithSomeAnswers() {
        String round = Api.newAssessment(tenant, team);
        Api.open(tenant, round);
        issued = Api.invite(tenant, round, members[0], members[1], members[2], members[3]);
        String first = Api.claim(issued.getString("issued[0].code"));
        Api.claim(issued.getString("issued[1].code"));
        Api.as(first).body(ProfileResourceTest.answers(8, "often")).put("/api/v1/assessments/{id}/response", round)
                .then().statusCode(201);
        Api.as(Tokens.as(tenant, "m5", Roles.MEMBER)).body(ProfileResourceTest.answers(8, "often"))
                .put("/api/v1/assessments/{id}/response", round).then().statusCode(201);
        return round;
    }

    @Test
    void aRoundCountsItsSeatsClaimsAndSubmissions() {
        String round = roundWithSomeAnswers();
        Api.as(Tokens.as(tenant, "lead", Roles.TEAM_LEAD)).get("/api/v1/assessments/{id}/participation", round).then()
                .statusCode(200).body("assessmentId", equalTo(round)).body("status", equalTo("open"))
                .body("invited", equalTo(5)).body("claimed", equalTo(3)).body("pending", equalTo(2))
                .body("submitted", equalTo(2)).body("rate", equalTo(0.4f));
        // A claimed seat with a draft: claimed, not submitted.
        String draft = Api.claim(issued.getString("issued[2].code"));
        Api.as(draft).body("{\"answers\": {\"focus-hours\": 3}}").put("/api/v1/assessments/{id}/response", round)
                .then().statusCode(201);
        Api.as(admin).get("/api/v1/assessments/{id}/participation", round).then().statusCode(200)
                .body("invited", equalTo(5)).body("claimed", equalTo(4)).body("submitted", equalTo(2));
    }

    @Test
    void aTeamsRoundsAreListedNewestFirstWithTheirSumsAndDraftsLeftOut() {
        String older = roundWithSomeAnswers();
        Api.close(tenant, older);
        String newer = Api.newAssessment(tenant, team);
        Api.open(tenant, newer);
        Api.newAssessment(tenant, team); // a draft: nobody was asked yet
        Api.as(admin).get("/api/v1/teams/{id}/participation", team).then().statusCode(200)
                .body("teamId", equalTo(team)).body("rounds.assessmentId", contains(newer, older))
                .body("rounds[0].invited", equalTo(0)).body("rounds[0]", not(hasKey("rate")))
                .body("rounds[1].status", equalTo("closed")).body("overall.rounds", equalTo(2))
                .body("overall.invited", equalTo(5)).body("overall.claimed", equalTo(3))
                .body("overall.submitted", equalTo(2)).body("overall.rate", equalTo(0.4f));
        Api.as(admin).queryParam("rounds", "1").get("/api/v1/teams/{id}/participation", team).then()
                .statusCode(200).body("rounds.assessmentId", contains(newer)).body("overall.invited", equalTo(0))
                .body("overall.rate", nullValue());
    }

    @Test
    void membersOtherTeamsAndOtherTenantsReadNoCounts() {
        String round = roundWithSomeAnswers();
        Api.as(Tokens.as(tenant, "m0", Roles.MEMBER)).get("/api/v1/assessments/{id}/participation", round).then()
                .statusCode(403);
        Api.as(Tokens.as(tenant, "m0", Roles.MEMBER)).get("/api/v1/teams/{id}/participation", team).then()
                .statusCode(403);
        // A member of the team who holds the lead role elsewhere does not lead this team.
        Api.as(Tokens.as(tenant, "m0", Roles.TEAM_LEAD)).get("/api/v1/assessments/{id}/participation", round).then()
                .statusCode(403).contentType("application/problem+json");
        String other = Api.newTenant();
        Api.as(Tokens.tenantAdmin(other)).get("/api/v1/assessments/{id}/participation", round).then()
                .statusCode(404).contentType("application/problem+json");
        Api.as(Tokens.tenantAdmin(other)).get("/api/v1/teams/{id}/participation", team).then().statusCode(404);
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).get("/api/v1/teams/{id}/participation", team).then()
                .statusCode(200).body("overall.submitted", equalTo(2));
    }

    @Test
    void aBadRoundCountIsRefusedByName() {
        for (String rounds : new String[] { "0", "101", "abc", "1.5", "-1" }) {
            Api.as(admin).queryParam("rounds", rounds).get("/api/v1/teams/{id}/participation", team).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("rounds"));
        }
        Api.as(admin).queryParam("limit", "5").get("/api/v1/teams/{id}/participation", team).then().statusCode(400);
    }
}
