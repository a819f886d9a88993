package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Bad input of every kind gets a clear problem+json and writes nothing. */
@QuarkusTest
class ProblemDetailsTest {

    @TestHTTPResource("/api/v1/teams")
    URI teams;

    String tenant;
    String admin;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
    }

    private ValidatableResponse postTeam(String body) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/teams").then();
    }

    private static void isProblem(ValidatableResponse response, int status, String type) {
        response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("urn:async-health:problem:" + type))
                .body("title", org.hamcrest.Matchers.notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("app.asynchealth")))
                .body(not(containsString("com.fasterxml")));
    }

    private void nothingWritten() {
        Api.as(admin).get("/api/v1/teams").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void malformedJson() {
        isProblem(postTeam("{\"name\": \"Core\""), 400, "malformed-request");
        isProblem(postTeam("{\"name\": \"Core\"} trailing"), 400, "malformed-request");
        isProblem(postTeam("[\"Core\"]"), 400, "malformed-request");
        nothingWritten();
    }

    @Test
    void wrongTypesAndUnknownProperties() {
        isProblem(postTeam("{\"name\": 42}"), 400, "validation-failed");
        postTeam("{\"name\": 42}").body("errors[0].field", equalTo("name"));
        isProblem(postTeam("{\"name\": {\"nested\": true}}"), 400, "validation-failed");
        isProblem(postTeam("{\"name\": \"Core\", \"admin\": true}"), 400, "validation-failed");
        postTeam("{\"name\": \"Core\", \"admin\": true}").body("errors[0].field", equalTo("admin"))
                .body("errors[0].message", equalTo("unknown property"));
        nothingWritten();
    }

    @Test
    void textThatIsNotPlainTextIsAFieldError() {
        // NUL cannot be stored (it was a 500), other controls have no place in a name, and half a surrogate pair has
        // no UTF-8 encoding (it was stored altered).
        for (String name : new String[] { "\"a\\u0000b\"", "\"a\\u0007b\"", "\"a\\u001bb\"", "\"a\\ud800b\"",
                "\"\\udc00\"" }) {
            isProblem(postTeam("{\"name\": " + name + "}"), 400, "validation-failed");
            postTeam("{\"name\": " + name + "}").body("errors[0].field", equalTo("name"));
        }
        nothingWritten();
        // Tabs and line breaks are text, and so is a whole pair (an emoji).
        postTeam("{\"name\": \"Core\", \"description\": \"line\\nnext\\tcolumn \\ud83d\\ude80\"}").statusCode(201)
                .body("description", equalTo("line\nnext\tcolumn \ud83d\ude80"));
    }

    @Test
    void wrongNumericTypesForSettings() {
        String platform = Tokens.platformAdmin();
        for (String threshold : new String[] { "\"5\"", "5.5", "true", "null" }) {
            isProblem(given().auth().oauth2(platform).contentType(ContentType.JSON)
                    .body("{\"id\": \"x-" + tenant + "\", \"name\": \"N\", \"anonymityThreshold\": " + threshold + "}")
                    .post("/api/v1/tenants").then(), 400, "validation-failed");
        }
        // Absent means the default; null is not a value (the contract declares no nullable property).
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body("{\"id\": \"x-" + tenant + "\", \"name\": \"N\", \"anonymityThreshold\": null}")
                .post("/api/v1/tenants").then().statusCode(400)
                .body("errors[0].field", equalTo("anonymityThreshold"))
                .body("errors[0].message", equalTo("must not be null; leave it out instead"));
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body("{\"id\": \"x-" + tenant + "\", \"name\": \"N\"}")
                .post("/api/v1/tenants").then().statusCode(201).body("anonymityThreshold", equalTo(5));
    }

    @Test
    void missingBody() {
        isProblem(given().auth().oauth2(admin).contentType(ContentType.JSON).post("/api/v1/teams").then(), 400,
                "validation-failed");
        nothingWritten();
    }

    @Test
    void oversizedBody() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        isProblem(postTeam(huge), 413, "payload-too-large");
        nothingWritten();
    }

    @Test
    void oversizedChunkedBody() throws Exception {
        byte[] huge = ("{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // A body of unknown length: java.net.http sends it chunked, with no Content-Length.
        HttpRequest request = HttpRequest.newBuilder(teams).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getString("type")).isEqualTo("urn:async-health:problem:payload-too-large");
        assertThat(problem.getInt("status")).isEqualTo(413);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).contains("limit");
        nothingWritten();
        // A chunked body within the limit is read as usual.
        HttpRequest small = HttpRequest.newBuilder(teams).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("{\"name\": \"Chunked\"}".getBytes(StandardCharsets.UTF_8))))
                .build();
        assertThat(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(small, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
    }

    @Test
    void wrongMediaTypeUnknownRouteAndMethod() {
        isProblem(given().auth().oauth2(admin).contentType(ContentType.TEXT).body("Core").post("/api/v1/teams").then(),
                415, "unsupported-media-type");
        isProblem(given().auth().oauth2(admin).get("/api/v1/no-such-thing").then(), 404, "not-found");
        isProblem(given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").put("/api/v1/teams").then(),
                405, "method-not-allowed");
        isProblem(given().auth().oauth2(admin).get("/api/v1/teams/not-a-uuid").then(), 404, "not-found");
        nothingWritten();
    }

    @Test
    void invalidIfMatchIsAPreconditionFailure() {
        String team = Api.newTeam(tenant, "Core");
        isProblem(Api.as(admin).header("If-Match", "W/\"0\"").body("{\"name\": \"Renamed\"}")
                .patch("/api/v1/teams/{id}", team).then(), 412, "precondition-failed");
        isProblem(Api.as(admin).header("If-Match", "garbage").body("{\"name\": \"Renamed\"}")
                .patch("/api/v1/teams/{id}", team).then(), 412, "precondition-failed");
        Api.as(admin).header("If-Match", "*").body("{\"name\": \"Renamed\"}")
                .patch("/api/v1/teams/{id}", team).then().statusCode(200);
    }
}
