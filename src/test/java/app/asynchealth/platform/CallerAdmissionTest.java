package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Who is let in: a token must speak for a tenant that exists and is enabled, on every route, and a person is known by
 * their token's {@code sub}, never by a username that can be renamed or reused.
 */
@QuarkusTest
class CallerAdmissionTest {

    String tenant;
    String team;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Team");
    }

    private static void unauthenticated(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:async-health:problem:unauthenticated"));
    }

    /** A spread of routes, reads and writes, each slice's. */
    private void everyRouteRefuses(String token, String tenantId) {
        unauthenticated(Api.as(token).get("/api/v1/teams").then());
        unauthenticated(Api.as(token).body(Map.of("name", "x")).post("/api/v1/teams").then());
        unauthenticated(Api.as(token).get("/api/v1/tenants/{id}", tenantId).then());
        unauthenticated(Api.as(token).get("/api/v1/scores").then());
        unauthenticated(Api.as(token).get("/api/v1/organization/profile").then());
        unauthenticated(Api.as(token).get("/api/v1/templates").then());
        unauthenticated(Api.as(token).get("/api/v1/benchmarks").then());
        unauthenticated(Api.as(token).get("/api/v1/me/assessments").then());
        unauthenticated(Api.as(token).get("/api/v1/webhooks").then());
        unauthenticated(Api.as(token).body(Map.of("name", "t")).post("/api/v1/integrations/tokens").then());
    }

    @Test
    void aTokenOfATenantThatDoesNotExistIsRefusedEverywhere() {
        String ghost = "ghost-" + tenant;
        everyRouteRefuses(Tokens.tenantAdmin(ghost), ghost);
        everyRouteRefuses(Tokens.as(ghost, "hr", Roles.HR_ANALYST), ghost);
        everyRouteRefuses(Tokens.keycloak(Map.of("organization", List.of(ghost)), Roles.TENANT_ADMIN), ghost);
        // Nothing was created for it meanwhile.
        Api.as(Tokens.platformAdmin()).get("/api/v1/tenants/{id}", ghost).then().statusCode(404);
    }

    @Test
    void aDisabledTenantIsRefusedUntilEnabledAgain() {
        String admin = Tokens.tenantAdmin(tenant);
        String integration = Api.as(admin).body(Map.of("name", "HR")).post("/api/v1/integrations/tokens").then()
                .statusCode(201).extract().path("token");
        Api.as(admin).get("/api/v1/teams").then().statusCode(200);
        // A tenant admin cannot disable (or re-enable) their own tenant; another tenant's cannot even see it.
        Api.as(admin).body(Map.of("disabled", true)).patch("/api/v1/tenants/{id}", tenant).then().statusCode(403)
                .contentType("application/problem+json");
        Api.as(Tokens.tenantAdmin(Api.newTenant())).body(Map.of("disabled", true)).patch("/api/v1/tenants/{id}", tenant)
                .then().statusCode(404);
        Api.as(Tokens.platformAdmin()).body(Map.of("disabled", true)).patch("/api/v1/tenants/{id}", tenant).then()
                .statusCode(200).body("disabled", equalTo(true));

        everyRouteRefuses(admin, tenant);
        everyRouteRefuses(integration, tenant);
        everyRouteRefuses(Tokens.keycloak(Map.of("tenant", tenant), Roles.TEAM_LEAD), tenant);
        Api.as(Tokens.platformAdmin()).get("/api/v1/tenants/{id}", tenant).then().statusCode(200)
                .body("disabledAt", notNullValue());

        Api.as(Tokens.platformAdmin()).body(Map.of("disabled", false)).patch("/api/v1/tenants/{id}", tenant).then()
                .statusCode(200).body("disabled", equalTo(false));
        Api.as(admin).get("/api/v1/teams").then().statusCode(200);
        Api.as(integration).get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void aDisabledTenantsInvitationCodesClaimNothing() {
        Api.newMember(tenant, team, Map.of("externalId", "m"));
        String assessment = Api.newAssessment(tenant, team);
        String code = Api.invite(tenant, assessment).getString("issued[0].code");
        Api.as(Tokens.platformAdmin()).body(Map.of("disabled", true)).patch("/api/v1/tenants/{id}", tenant).then()
                .statusCode(200);
        given().contentType("application/json").body(Map.of("code", code)).post("/api/v1/invitation-claims").then()
                .statusCode(404).contentType("application/problem+json");
        Api.as(Tokens.platformAdmin()).body(Map.of("disabled", false)).patch("/api/v1/tenants/{id}", tenant).then()
                .statusCode(200);
        Api.claim(code);
    }

    @Test
    void peopleAreKnownByTheirSubjectNotTheirUsername() {
        String sub = "f3b1c2d4-0000-4000-8000-" + tenant.substring(2, 10) + "0000";
        String member = Api.newMember(tenant, team, Map.of("externalId", "kim", "subject", sub, "role", "lead"));
        // Keycloak puts the username in preferred_username; quarkus-oidc would take it as the principal name.
        String kim = Tokens.keycloak(Map.of("sub", sub, "preferred_username", "kim", "tenant", tenant), Roles.TEAM_LEAD);
        Api.as(kim).body(Map.of("description", "Kim leads")).patch("/api/v1/teams/{id}", team).then().statusCode(200);
        Api.as(kim).get("/api/v1/teams/{team}/members", team).then().statusCode(200);
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        Api.as(kim).body("{\"answers\": {\"focus-hours\": 5}}").put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(201);
        // Someone whose username is the lead's sub, or who holds the lead's username, is not the lead.
        String impostor = Tokens.keycloak(Map.of("sub", "someone-else", "preferred_username", sub, "tenant", tenant),
                Roles.TEAM_LEAD);
        Api.as(impostor).body(Map.of("description", "x")).patch("/api/v1/teams/{id}", team).then().statusCode(404);
        Api.as(impostor).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(404);
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/teams/{team}/members/{id}", team, member).then()
                .body("subject", equalTo(sub));
    }

    @Test
    void aTokenWithoutASubjectIsRefused() {
        unauthenticated(given().auth().oauth2(Tokens.service(Tokens.serviceClaims(tenant, Roles.TENANT_ADMIN)
                .subject(""))).get("/api/v1/teams").then());
    }
}
