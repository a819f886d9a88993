package app.asynchealth.assessment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TemplateResourceTest {

    String tenant;
    String admin;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
    }

    private static Map<String, Object> custom(String key, boolean scored) {
        return Map.of("key", key, "type", "likert-5", "text", "Our stand-up could be written.", "required", false,
                "scored", scored, "scale", Map.of("minLabel", "No", "maxLabel", "Yes"));
    }

    @Test
    void theBuiltInTemplateIsServedWithItsQuotedFigures() {
        Api.as(Tokens.as(tenant, "m", Roles.MEMBER)).get("/api/v1/templates").then().statusCode(200)
                .body("items.key", hasItem("async-health")).body("items[0].builtIn", equalTo(true));
        Api.as(admin).get("/api/v1/templates/async-health/versions/1").then().statusCode(200)
                .body("questions.find { it.key == 'comm-guide-documented' }.benchmarks[0].quote",
                        equalTo("57.9% say their organization has no documented communication guide."))
                .body("questions.find { it.key == 'focus-hours' }.unit", equalTo("hours per week"));
        Api.as(admin).get("/api/v1/templates/async-health/versions/2").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aTenantDerivesItsOwnVersionsWithUnscoredQuestions() {
        Map<String, Object> request = Map.of("key", "our-health", "title", "Our health check",
                "basedOn", Map.of("key", "async-health", "version", 1), "omitQuestions", List.of("async-channels"),
                "customQuestions", List.of(custom("standup-could-be-written", false)));
        Api.as(admin).body(request).post("/api/v1/templates").then().statusCode(201)
                .body("version", equalTo(1)).body("basedOn.key", equalTo("async-health"))
                .body("questions.key", hasItem("standup-could-be-written")).body("questions.key", not(hasItem("async-channels")));
        Api.as(admin).body(request).post("/api/v1/templates").then().statusCode(201).body("version", equalTo(2));
        Api.as(admin).get("/api/v1/templates/our-health/versions/2").then().statusCode(200);
        java.time.Instant now = java.time.Instant.now();
        Api.as(admin).body(Map.of("teamId", Api.newTeam(tenant, "T"), "title", "Custom",
                "template", Map.of("key", "our-health", "version", 2), "opensAt", now.toString(),
                "closesAt", now.plusSeconds(86400).toString())).post("/api/v1/assessments").then().statusCode(201)
                .body("template.key", equalTo("our-health"));
    }

    /** The contract has required and scored optional: a client that leaves them out gets the documented defaults. */
    @Test
    void aCustomQuestionWithoutRequiredAndScoredIsOptionalAndUnscored() {
        Map<String, Object> question = Map.of("key", "retro-helpful", "type", "likert-5",
                "text", "Our retrospectives change how we work.", "scale", Map.of("minLabel", "No", "maxLabel", "Yes"));
        Api.as(admin).body(Map.of("key", "lean", "title", "Lean", "basedOn", Map.of("key", "async-health", "version", 1),
                "customQuestions", List.of(question))).post("/api/v1/templates").then().statusCode(201)
                .body("questions.find { it.key == 'retro-helpful' }.required", equalTo(false))
                .body("questions.find { it.key == 'retro-helpful' }.scored", equalTo(false));
        Api.as(admin).get("/api/v1/templates/lean/versions/1").then().statusCode(200)
                .body("questions.find { it.key == 'retro-helpful' }.required", equalTo(false));
    }

    @Test
    void badDerivationsAreRefused() {
        Map<String, Object> base = Map.of("key", "async-health", "version", 1);
        Api.as(admin).body(Map.of("key", "async-health", "title", "Mine", "basedOn", base)).post("/api/v1/templates")
                .then().statusCode(400).body("errors[0].field", equalTo("key"));
        Api.as(admin).body(Map.of("key", "mine", "title", "Mine", "basedOn", base, "customQuestions",
                List.of(custom("scored-one", true)))).post("/api/v1/templates").then().statusCode(400);
        Api.as(admin).body(Map.of("key", "mine", "title", "Mine", "basedOn", base, "customQuestions",
                List.of(custom("role", false)))).post("/api/v1/templates").then().statusCode(400);
        Api.as(admin).body(Map.of("key", "mine", "title", "Mine", "basedOn", base, "omitQuestions", List.of("nope")))
                .post("/api/v1/templates").then().statusCode(400).body("errors[0].field", equalTo("omitQuestions"));
        Api.as(admin).body(Map.of("key", "mine", "title", "Mine", "basedOn", Map.of("key", "unknown", "version", 1)))
                .post("/api/v1/templates").then().statusCode(400);
        Api.as(Tokens.as(tenant, "lead", Roles.TEAM_LEAD)).body(Map.of("key", "mine", "title", "Mine", "basedOn", base))
                .post("/api/v1/templates").then().statusCode(403);
        Api.as(admin).get("/api/v1/templates/mine/versions/1").then().statusCode(404);
    }

    @Test
    void anotherTenantsTemplateIsNotFound() {
        Api.as(admin).body(Map.of("key", "private-check", "title", "Private",
                "basedOn", Map.of("key", "async-health", "version", 1))).post("/api/v1/templates").then().statusCode(201);
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        Api.as(intruder).get("/api/v1/templates/private-check/versions/1").then().statusCode(404);
        Api.as(intruder).get("/api/v1/templates").then().body("items.key", not(hasItem("private-check")));
        Api.as(intruder).body(Map.of("key", "private-check", "title", "Theirs",
                "basedOn", Map.of("key", "async-health", "version", 1))).post("/api/v1/templates").then().statusCode(201)
                .body("version", equalTo(1));
    }
}
