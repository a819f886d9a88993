package app.asynchealth.team;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TeamMemberResourceTest {

    String tenant;
    String admin;
    String team;

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Core");
    }

    @Test
    void membersAreAddedListedChangedAndRemoved() {
        String id = Api.as(admin).body(Map.of("externalId", "E-17", "email", "kim@example.com", "displayName", "Kim"))
                .post("/api/v1/teams/{team}/members", team).then().statusCode(201)
                .body("role", equalTo("member")).body("teamId", equalTo(team)).extract().path("id");
        Api.newMember(tenant, team, Map.of("externalId", "E-18"));
        Api.as(admin).get("/api/v1/teams/{team}/members", team).then().statusCode(200).body("items", hasSize(2))
                .body("items[0].id", equalTo(id));
        Api.as(admin).header("If-Match", "\"0\"").body(Map.of("role", "lead", "subject", "kim-sub"))
                .patch("/api/v1/teams/{team}/members/{id}", team, id).then().statusCode(200)
                .body("role", equalTo("lead")).body("subject", equalTo("kim-sub")).body("email", equalTo("kim@example.com"));
        Api.as(admin).delete("/api/v1/teams/{team}/members/{id}", team, id).then().statusCode(204);
        Api.as(admin).get("/api/v1/teams/{team}/members/{id}", team, id).then().statusCode(404);
    }

    @Test
    void aMemberNeedsAnExternalIdOrAnEmail() {
        Api.as(admin).body(Map.of("displayName", "Nobody")).post("/api/v1/teams/{team}/members", team).then()
                .statusCode(400).body("errors[0].field", equalTo("externalId"));
        Api.as(admin).body(Map.of("email", "not-an-email")).post("/api/v1/teams/{team}/members", team).then()
                .statusCode(400).body("errors[0].field", equalTo("email"));
        Api.as(admin).body(Map.of("externalId", "E-1", "role", "boss")).post("/api/v1/teams/{team}/members", team).then()
                .statusCode(400).body("errors[0].field", equalTo("role"));
        Api.as(admin).get("/api/v1/teams/{team}/members", team).then().body("items", hasSize(0));
    }

    @Test
    void duplicatesWithinATeamAreConflicts() {
        Api.newMember(tenant, team, Map.of("email", "sam@example.com"));
        Api.as(admin).body(Map.of("email", "SAM@example.com")).post("/api/v1/teams/{team}/members", team).then()
                .statusCode(409).contentType("application/problem+json");
        String other = Api.newTeam(tenant, "Other");
        Api.newMember(tenant, other, Map.of("email", "sam@example.com"));
    }

    @Test
    void anotherTenantsTeamAndMembersAreNotFound() {
        String member = Api.newMember(tenant, team, Map.of("externalId", "E-9"));
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        Api.as(intruder).get("/api/v1/teams/{team}/members", team).then().statusCode(404);
        Api.as(intruder).get("/api/v1/teams/{team}/members/{id}", team, member).then().statusCode(404);
        Api.as(intruder).body(Map.of("externalId", "E-10")).post("/api/v1/teams/{team}/members", team).then().statusCode(404);
        Api.as(intruder).body(Map.of("role", "lead")).patch("/api/v1/teams/{team}/members/{id}", team, member).then().statusCode(404);
        Api.as(intruder).delete("/api/v1/teams/{team}/members/{id}", team, member).then().statusCode(404);
        Api.as(admin).get("/api/v1/teams/{team}/members/{id}", team, member).then().statusCode(200).body("role", equalTo("member"));
    }

    @Test
    void aMemberOfAnotherTeamIsNotFoundUnderThisOne() {
        String other = Api.newTeam(tenant, "Other");
        String member = Api.newMember(tenant, other, Map.of("externalId", "E-3"));
        Api.as(admin).get("/api/v1/teams/{team}/members/{id}", team, member).then().statusCode(404);
    }

    @Test
    void aLeadManagesTheMembersOfTheirTeam() {
        Api.newMember(tenant, team, Map.of("externalId", "lead-1", "subject", "lead-1", "role", "lead"));
        String lead = Tokens.as(tenant, "lead-1", Roles.TEAM_LEAD);
        Api.as(lead).body(Map.of("externalId", "new-hire")).post("/api/v1/teams/{team}/members", team).then().statusCode(201);
        String other = Api.newTeam(tenant, "Elsewhere");
        Api.as(lead).body(Map.of("externalId", "x")).post("/api/v1/teams/{team}/members", other).then().statusCode(404);
        Api.as(Tokens.as(tenant, "m", Roles.MEMBER)).get("/api/v1/teams/{team}/members", team).then().statusCode(403);
    }
}
