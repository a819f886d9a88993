package app.asynchealth.bootstrap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The README's first steps: a bootstrap token, then the API, on a local installation with its demo tenant. */
@QuarkusTest
class BootstrapTokenTest {

    private static String token(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/api/v1/bootstrap/tokens").then()
                .statusCode(200).body("tokenType", equalTo("Bearer")).extract().path("accessToken");
    }

    @Test
    void aBootstrapTokenListsTheDemoTenantsTeams() {
        String token = given().contentType(ContentType.JSON).post("/api/v1/bootstrap/tokens").then().statusCode(200)
                .body("tenant", equalTo("demo")).body("roles", hasItem("tenant-admin")).extract().path("accessToken");
        Api.as(token).get("/api/v1/teams").then().statusCode(200).body("items.name", hasItem("Demo team"));
        Api.as(token).get("/api/v1/tenants/demo").then().statusCode(200).body("anonymityThreshold", equalTo(5));
    }

    @Test
    void aPlatformAdminBootstrapTokenCreatesTenantsAndSpeaksForNone() {
        given().contentType(ContentType.JSON).body(Map.of("role", "platform-admin")).post("/api/v1/bootstrap/tokens")
                .then().statusCode(200).body("tenant", nullValue());
        String platform = token(Map.of("role", "platform-admin"));
        Api.as(platform).body(Map.of("id", "bootstrapped", "name", "Bootstrapped")).post("/api/v1/tenants")
                .then().statusCode(201);
        String admin = token(Map.of("role", "tenant-admin", "tenant", "bootstrapped"));
        Api.as(admin).get("/api/v1/tenants/bootstrapped").then().statusCode(200);
    }

    @Test
    void unknownRolesAndTenantsAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("role", "god")).post("/api/v1/bootstrap/tokens").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("role"));
        given().contentType(ContentType.JSON).body(Map.of("tenant", "NOT A TENANT")).post("/api/v1/bootstrap/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("tenant"));
    }
}
