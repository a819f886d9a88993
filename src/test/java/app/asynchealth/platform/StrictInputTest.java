package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Input PostgreSQL cannot store, or that would be stored other than sent, is refused with a 400 problem detail and
 * changes nothing: NUL characters, unpaired surrogates, numbers beyond range or precision, numbers for dates.
 */
@QuarkusTest
class StrictInputTest {

    String tenant;
    String admin;
    String team;
    String assessment;
    String credential;

    @BeforeEach
    void openAssessmentWithACredential() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Strict");
        String member = Api.newMember(tenant, team, Map.of("externalId", "s1"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        credential = Api.claim(Api.invite(tenant, assessment, member).getString("issued[0].code"));
    }

    private ValidatableResponse answer(String answers) {
        return Api.as(credential).body("{\"answers\": " + answers + "}")
                .put("/api/v1/assessments/{id}/response", assessment).then();
    }

    private static ValidatableResponse refused(ValidatableResponse response, String field) {
        return response.statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    private void noAnswerStored() {
        Api.as(credential).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(404);
    }

    @Test
    void aQueryParameterTheOperationDoesNotTakeIsRefusedAndChangesNothing() {
        int teams = Api.as(admin).queryParam("limit", 200).get("/api/v1/teams").then().statusCode(200).extract()
                .path("items.size()");
        refused(Api.as(admin).queryParam("dryRun", "true").body("{\"name\": \"Dry\"}").post("/api/v1/teams").then(),
                "dryRun").body("errors[0].message", equalTo("is not a parameter of this operation; it takes none"));
        assertThat(Api.as(admin).queryParam("limit", 200).get("/api/v1/teams").then().extract()
                .<Integer>path("items.size()")).isEqualTo(teams);
        // Paging a single resource, or a misspelt filter, would otherwise be ignored in silence.
        refused(Api.as(admin).queryParam("limit", 5).get("/api/v1/assessments/{id}", assessment).then(), "limit");
        refused(Api.as(admin).queryParam("Limit", 5).get("/api/v1/teams").then(), "Limit")
                .body("errors[0].message", equalTo("is not a parameter of this operation; it takes cursor, limit"));
        refused(Api.as(credential).queryParam("draft", "true").body("{\"answers\": {\"role\": \"ic\"}}")
                .put("/api/v1/assessments/{id}/response", assessment).then(), "draft");
        noAnswerStored();
        Api.as(admin).queryParam("limit", 5).get("/api/v1/teams").then().statusCode(200);
    }

    @Test
    void nullIsRefusedWhereverItStandsAndALeftOutQuestionIsUnanswered() {
        refused(answer("{\"focus-hours\": null}"), "answers.focus-hours")
                .body("errors[0].message", equalTo("must not be null; leave it out instead"));
        refused(answer("{\"async-channels\": [\"chat\", null]}"), "answers.async-channels[1]");
        refused(Api.as(credential).body("{\"answers\": {\"role\": \"ic\"}, \"submitted\": null}")
                .put("/api/v1/assessments/{id}/response", assessment).then(), "submitted");
        refused(Api.as(admin).body("{\"name\": \"Team\", \"description\": null}").post("/api/v1/teams").then(),
                "description");
        noAnswerStored();
        answer("{\"role\": \"ic\"}").statusCode(201).body("answers.focus-hours", equalTo(null));
    }

    @Test
    void textWithANulOrAnUnpairedSurrogateIsRefusedInAnswers() {
        refused(answer("{\"one-change\": \"fewer\\u0000meetings\"}"), "answers.one-change")
                .body("errors[0].message", equalTo("must be plain text: no control characters (but tab and line breaks), no unpaired surrogates"));
        refused(answer("{\"async-channels\": [\"chat\", \"x\\u0000\"]}"), "answers.async-channels[1]");
        refused(answer("{\"one-change\": \"\\ud800x\"}"), "answers.one-change");
        refused(answer("{\"one-change\": \"x\\udc00\"}"), "answers.one-change");
        refused(answer("{\"role\": \"ic\\u0000\"}"), "answers.role");
        noAnswerStored();
        // A proper pair is a character like any other.
        answer("{\"one-change\": \"more \\ud83d\\ude00\"}").statusCode(201)
                .body("answers.one-change", equalTo("more \uD83D\uDE00"));
    }

    @Test
    void textWithANulOrAnUnpairedSurrogateIsRefusedInEveryWriteRoute() {
        refused(Api.as(admin).body("{\"name\": \"Team\\u0000\"}").post("/api/v1/teams").then(), "name");
        refused(Api.as(admin).body("{\"name\": \"Team\\ud800\"}").post("/api/v1/teams").then(), "name");
        refused(Api.as(admin).body("{\"externalId\": \"x\\u0000\"}").post("/api/v1/teams/{id}/members", team).then(),
                "externalId");
        refused(Api.as(admin).body("{\"title\": \"Q\\u0000\"}").patch("/api/v1/assessments/{id}", assessment).then(),
                "title");
        Api.as(admin).get("/api/v1/teams").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].name", equalTo("Strict"));
        Api.as(admin).get("/api/v1/teams/{id}/members", team).then().statusCode(200).body("items.size()", equalTo(1));
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("title", equalTo("Round"));
    }

    @Test
    void c1ControlCharactersAreRefusedInNamesTitlesAndFreeTextAnswers() {
        // U+0080-U+009F are control characters as much as U+0000-U+001F: invisible in a name, and some (CSI, U+009B)
        // are commands to a terminal that shows an export.
        for (String c1 : new String[] { "\\u0080", "\\u0085", "\\u009b", "\\u009f" }) {
            refused(Api.as(admin).body("{\"name\": \"Team" + c1 + "x\"}").post("/api/v1/teams").then(), "name")
                    .body("errors[0].message", equalTo("must be plain text: no control characters (but tab and line breaks), no unpaired surrogates"));
            refused(Api.as(admin).body("{\"title\": \"Q" + c1 + "\"}").patch("/api/v1/assessments/{id}", assessment)
                    .then(), "title");
            refused(answer("{\"one-change\": \"fewer" + c1 + "meetings\"}"), "answers.one-change");
        }
        // Raw (unescaped) in the UTF-8 body too.
        refused(Api.as(admin).body("{\"name\": \"Team\u009bx\"}").post("/api/v1/teams").then(), "name");
        noAnswerStored();
        Api.as(admin).get("/api/v1/teams").then().statusCode(200).body("items.size()", equalTo(1));
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("title", equalTo("Round"));
        // The characters just above C1 are text: U+00A0 (no-break space) and U+00E9.
        answer("{\"one-change\": \"caf\\u00e9\\u00a0ok\"}").statusCode(201)
                .body("answers.one-change", equalTo("caf\u00e9\u00a0ok"));
    }

    @Test
    void aFormSentToTheApiIsRefusedAsAnyBodyThatIsNotJsonAndAnEmptyOneIsNoBody() {
        // Forms are the answer pages' (with their CSRF token); the API answers a form as any body that is not JSON.
        given().auth().oauth2(admin).contentType("application/x-www-form-urlencoded").formParam("name", "Form")
                .post("/api/v1/teams").then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415));
        Api.as(admin).get("/api/v1/teams").then().body("items.size()", equalTo(1));
        // An empty POST labelled as a form is a POST without a body, which the assessment actions take.
        given().auth().oauth2(admin).contentType("application/x-www-form-urlencoded")
                .post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
    }

    @Test
    void numbersBeyondRangeOrPrecisionAreRefused() {
        refused(answer("{\"focus-hours\": 1e999999999}"), "answers.focus-hours");
        refused(answer("{\"focus-hours\": -1e999999999}"), "answers.focus-hours");
        refused(answer("{\"focus-hours\": 1e-999999999}"), "answers.focus-hours");
        refused(answer("{\"focus-hours\": 5.0001}"), "answers.focus-hours");
        refused(answer("{\"comm-norms-clear\": 3e-20}"), "answers.comm-norms-clear");
        Api.as(credential).body("{\"answers\": {\"focus-hours\": 1e99999999999}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(400)
                .contentType("application/problem+json");
        noAnswerStored();
        // Exact decimals within the rule still pass, written any way JSON allows.
        answer("{\"focus-hours\": 1.25e1}").statusCode(201).body("answers.focus-hours", equalTo(12.5f));
    }

    @Test
    void datesAreIsoStringsNeverNumbers() {
        String etag = Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().extract().header("ETag");
        String closesAt = Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().extract().path("closesAt");
        String draft = Api.newAssessment(tenant, team);
        String before = Api.as(admin).get("/api/v1/assessments/{id}", draft).then().extract().path("opensAt");
        refused(Api.as(admin).body("{\"opensAt\": 1893456000}").patch("/api/v1/assessments/{id}", draft).then(),
                "opensAt")
                .body("errors[0].message", equalTo("must be an ISO-8601 date-time with an offset, such as 2026-05-01T09:00:00Z"));
        refused(Api.as(admin).body("{\"opensAt\": 1893456000.5}").patch("/api/v1/assessments/{id}", draft).then(),
                "opensAt");
        refused(Api.as(admin).body("{\"opensAt\": \"1893456000\"}").patch("/api/v1/assessments/{id}", draft).then(),
                "opensAt");
        refused(Api.as(admin).body(Map.of("teamId", team, "title", "T", "opensAt", 1893456000, "closesAt",
                "2099-01-01T00:00:00Z")).post("/api/v1/assessments").then(), "opensAt");
        Api.as(admin).get("/api/v1/assessments/{id}", draft).then().body("opensAt", equalTo(before));
        assertThat(Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().extract().header("ETag"))
                .isEqualTo(etag);
        assertThat(closesAt).isNotNull();
        // An ISO-8601 instant with an offset is still a date.
        Instant opensAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Api.as(admin).body(Map.of("opensAt", opensAt.atOffset(ZoneOffset.ofHours(2)).toString()))
                .patch("/api/v1/assessments/{id}", draft).then().statusCode(200).body("opensAt", equalTo(opensAt.toString()));
    }
}
