package app.asynchealth.integration;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IntegrationTokenTest {

    String tenant;
    String admin;
    String team;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Visible to HR");
    }

    private Map<String, String> create(String name) {
        var issued = Api.as(admin).body(Map.of("name", name)).post("/api/v1/integrations/tokens").then().statusCode(201)
                .body("integration.name", equalTo(name)).body("token", notNullValue()).extract().jsonPath();
        return Map.of("id", issued.getString("integration.id"), "token", issued.getString("token"));
    }

    @Test
    void anIntegrationTokenReadsAsAnHrAnalystUntilRevoked() {
        Map<String, String> issued = create("Workday sync");
        Api.as(issued.get("token")).get("/api/v1/teams").then().statusCode(200).body("items.id", hasItem(team));
        Api.as(issued.get("token")).body(Map.of("name", "x")).post("/api/v1/teams").then().statusCode(403);
        Api.as(issued.get("token")).body(Map.of("name", "x")).post("/api/v1/integrations/tokens").then().statusCode(403);
        Api.as(admin).get("/api/v1/integrations/tokens").then().statusCode(200)
                .body("items[0].name", equalTo("Workday sync")).body("items[0]", not(hasKey("token")));
        Api.as(admin).delete("/api/v1/integrations/tokens/{id}", issued.get("id")).then().statusCode(200)
                .body("revokedAt", notNullValue());
        Api.as(issued.get("token")).get("/api/v1/teams").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenNamingAnIntegrationThatDoesNotExistIsRefused() {
        String forged = Tokens.service(Tokens.serviceClaims(tenant, Roles.HR_ANALYST)
                .claim("integration", UUID.randomUUID().toString()));
        Api.as(forged).get("/api/v1/teams").then().statusCode(401);
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        Map<String, String> issued = create("Pipeline");
        String otherTenant = Api.newTenant();
        String otherTeam = Api.newTeam(otherTenant, "Elsewhere");
        Api.as(issued.get("token")).get("/api/v1/teams").then().body("items.id", not(hasItem(otherTeam)));
        String intruder = Tokens.tenantAdmin(otherTenant);
        Api.as(intruder).delete("/api/v1/integrations/tokens/{id}", issued.get("id")).then().statusCode(404);
        Api.as(intruder).get("/api/v1/integrations/tokens").then().body("items.id", not(hasItem(issued.get("id"))));
        Api.as(issued.get("token")).get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void badRequestsAreRefused() {
        Api.as(admin).body(Map.of("name", "")).post("/api/v1/integrations/tokens").then().statusCode(400);
        Api.as(admin).body(Map.of("name", "x", "expiresInDays", 0)).post("/api/v1/integrations/tokens").then().statusCode(400);
        Api.as(admin).body(Map.of("name", "x", "token", "mine")).post("/api/v1/integrations/tokens").then().statusCode(400);
        Api.as(admin).get("/api/v1/integrations/tokens").then().body("items.size()", equalTo(0));
    }
}
