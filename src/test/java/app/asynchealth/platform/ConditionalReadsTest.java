package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every read that sends an ETag answers If-None-Match naming it with 304 and no body (and the ETag), and a stale or
 * other tag with the resource; the contract declares the 304 (the validator checks each answer against it).
 */
@QuarkusTest
class ConditionalReadsTest {

    @Test
    void everyTaggedReadAnswers304ToItsCurrentETag() {
        String tenant = Api.newTenant();
        String admin = Tokens.tenantAdmin(tenant);
        String team = Api.newTeam(tenant, "Payments");
        String member = Api.newMember(tenant, team, Map.of("externalId", "kim", "subject", "kim"));
        String assessment = Api.newAssessment(tenant, team);
        Api.as(admin).body(Map.of("channels", List.of(Map.of("key", "chat", "name", "Team chat",
                "purpose", "Questions that can wait a few hours", "responseExpectations",
                List.of(Map.of("urgency", "urgent", "within", "PT30M"), Map.of("urgency", "normal", "within", "PT4H")))),
                "meetings", Map.of("statusUpdatesAsync", true, "agendaRequired", true),
                "focus", Map.of("protectedHoursPerWeek", 10)))
                .put("/api/v1/teams/{team}/charter", team).then().statusCode(201);

        notModified(admin, "/api/v1/tenants/" + tenant);
        notModified(admin, "/api/v1/teams/" + team);
        notModified(admin, "/api/v1/teams/" + team + "/members/" + member);
        notModified(admin, "/api/v1/assessments/" + assessment);
        notModified(admin, "/api/v1/teams/" + team + "/charter");
        notModified(admin, "/api/v1/teams/" + team + "/charter/versions/1");
        notModified(admin, "/api/v1/teams/" + team + "/charter/coverage");

        Api.open(tenant, assessment);
        String kim = Tokens.as(tenant, "kim", Roles.MEMBER);
        Api.as(kim).body(Map.of("answers", Map.of("focus-hours", 6))).put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(201);
        notModified(kim, "/api/v1/assessments/" + assessment + "/response");
    }

    private static void notModified(String token, String path) {
        Response read = Api.as(token).get(path);
        read.then().statusCode(200);
        String etag = read.header("ETag");
        assertThat(etag).as(path).isNotBlank();
        Response again = Api.as(token).header("If-None-Match", etag).get(path);
        again.then().statusCode(304).header("ETag", equalTo(etag));
        assertThat(again.asByteArray()).as(path).isEmpty();
        // Weak comparison, and a list naming it among others.
        Api.as(token).header("If-None-Match", "\"other\", W/" + etag).get(path).then().statusCode(304);
        // A tag that is not current gets the resource.
        Api.as(token).header("If-None-Match", "\"stale-" + etag.replace("\"", "") + "\"").get(path).then()
                .statusCode(200).header("ETag", equalTo(etag));
    }
}
