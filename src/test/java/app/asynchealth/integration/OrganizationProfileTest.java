package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class OrganizationProfileTest {

    String tenant;
    String hr;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
    }

    String closedRound(String team, String prefix, int respondents, int focusHours, String meetings) {
        return Api.closedRound(tenant, team, prefix, respondents, ProfileResourceTest.answers(focusHours, meetings));
    }

    JsonPath rollup() {
        return Api.as(hr).get("/api/v1/organization/profile").then().statusCode(200).extract().jsonPath();
    }

    JsonPath teamProfile(String assessment) {
        return Api.as(hr).get("/api/v1/assessments/{id}/profile", assessment).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pendingUntilATeamHasAClosedRound() {
        Api.newTeam(tenant, "Waiting");
        Api.as(hr).get("/api/v1/organization/profile").then().statusCode(200).body("status", equalTo("pending"))
                .body("teams.total", equalTo(1)).body("teams.withResults", equalTo(0))
                .body("dimensions", hasSize(0)).body("$", not(hasKey("score")));
    }

    @Test
    void scoresAreRespondentWeightedOverTheTeamsWhoseProfilesAreAvailable() {
        String a = closedRound(Api.newTeam(tenant, "Alpha"), "a", 5, 8, "often");
        String b = closedRound(Api.newTeam(tenant, "Beta"), "b", 7, 3, "rarely");
        JsonPath org = rollup();
        JsonPath alpha = teamProfile(a);
        JsonPath beta = teamProfile(b);
        assertThat(org.getString("status")).isEqualTo("available");
        assertThat(org.getInt("respondents")).isEqualTo(12);
        assertThat(org.getInt("teams.included")).isEqualTo(2);
        assertThat(org.getDouble("score")).isCloseTo((alpha.getDouble("score") * 5 + beta.getDouble("score") * 7) / 12,
                within(0.051));
        List<Map<String, Object>> dimensions = org.getList("dimensions");
        assertThat(dimensions).hasSize(alpha.getList("dimensions").size());
        for (Map<String, Object> dimension : dimensions) {
            String key = (String) dimension.get("key");
            double expected = (alpha.getDouble("dimensions.find { it.key == '" + key + "' }.score") * 5
                    + beta.getDouble("dimensions.find { it.key == '" + key + "' }.score") * 7) / 12;
            assertThat(((Number) dimension.get("score")).doubleValue()).as(key).isCloseTo(expected, within(0.051));
            assertThat(((List<Map<String, Object>>) dimension.get("levels")).stream()
                    .mapToInt(level -> (Integer) level.get("teams")).sum()).isEqualTo(2);
        }
        // Focus hours: the mean over all twelve who answered, beside the report's figure.
        Map<String, Object> focus = org.getMap("dimensions.find { it.key == 'deep-focus' }.metrics[0]");
        assertThat(focus.get("answered")).isEqualTo(12);
        assertThat(((Number) focus.get("value")).doubleValue()).isCloseTo((8 * 5 + 3 * 7) / 12.0, within(0.051));
        assertThat(focus.get("benchmarkValue")).isEqualTo(alpha.getMap("dimensions.find { it.key == 'deep-focus' }.metrics[0]").get("benchmarkValue"));
        assertThat(org.getList("levels", Map.class).stream().mapToInt(level -> (Integer) level.get("teams")).sum()).isEqualTo(2);
    }

    @Test
    void aSuppressedTeamChangesNoFigureSoNothingCanBeDifferencedBackToIt() {
        closedRound(Api.newTeam(tenant, "Alpha"), "a", 5, 8, "often");
        closedRound(Api.newTeam(tenant, "Beta"), "b", 6, 3, "rarely");
        JsonPath before = rollup();
        String small = Api.newTeam(tenant, "Small");
        String smallRound = closedRound(small, "s", 2, 0, "always"); // extreme answers: any influence would show
        JsonPath after = rollup();

        assertThat(after.getInt("teams.suppressed")).isEqualTo(1);
        assertThat(after.getInt("teams.withResults")).isEqualTo(3);
        assertThat(after.getInt("respondents")).isEqualTo(before.getInt("respondents"));
        assertThat(after.getDouble("score")).isEqualTo(before.getDouble("score"));
        assertThat(after.getList("dimensions")).isEqualTo(before.getList("dimensions"));
        assertThat(after.getList("levels")).isEqualTo(before.getList("levels"));
        Map<String, Object> basis = after.getMap("basis.find { it.teamId == '" + small + "' }");
        assertThat(basis.get("assessmentId")).isEqualTo(smallRound);
        assertThat(basis.get("status")).isEqualTo("suppressed");
        assertThat(basis).doesNotContainKey("respondents");
    }

    @Test
    void suppressedWhenNoTeamReachedTheThreshold() {
        closedRound(Api.newTeam(tenant, "Tiny"), "t", 3, 5, "often");
        Api.as(hr).get("/api/v1/organization/profile").then().statusCode(200).body("status", equalTo("suppressed"))
                .body("respondents", equalTo(0)).body("dimensions", hasSize(0)).body("$", not(hasKey("score")))
                .body("basis[0]", not(hasKey("respondents")));
    }

    @Test
    void eachTeamIsRepresentedByItsLatestClosedRound() {
        String team = Api.newTeam(tenant, "Alpha");
        closedRound(team, "first", 5, 2, "always");
        String second = closedRound(team, "second", 5, 9, "never");
        JsonPath org = rollup();
        assertThat(org.getList("basis")).hasSize(1);
        assertThat(org.getString("basis[0].assessmentId")).isEqualTo(second);
        assertThat(org.getDouble("score")).isEqualTo(teamProfile(second).getDouble("score"));
    }

    @Test
    void otherTenantsSeeNothingOfItAndOnlyHrAndAdminsMayRead() {
        closedRound(Api.newTeam(tenant, "Alpha"), "a", 5, 8, "often");
        String other = Api.newTenant();
        Api.as(Tokens.as(other, "hr", Roles.HR_ANALYST)).get("/api/v1/organization/profile").then().statusCode(200)
                .body("tenantId", equalTo(other)).body("status", equalTo("pending")).body("basis", hasSize(0));
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/organization/profile").then().statusCode(200)
                .body("status", equalTo("available"));
        for (String role : List.of(Roles.TEAM_LEAD, Roles.MEMBER)) {
            Api.as(Tokens.as(tenant, "x", role)).get("/api/v1/organization/profile").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        Api.as(hr).queryParam("teamId", "x").get("/api/v1/organization/profile").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
