package app.asynchealth.response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every way answering can go wrong: a clear 4xx problem, and nothing stored. */
@QuarkusTest
class AnsweringFailuresTest {

    String tenant;
    String team;
    String assessment;
    String memberId;
    String invitation;
    String token;

    @BeforeEach
    void openAssessmentWithAnInvitation() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Team");
        memberId = Api.newMember(tenant, team, Map.of("externalId", "m1", "subject", "m1"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        var issued = Api.invite(tenant, assessment);
        invitation = issued.getString("issued[0].id");
        token = Api.claim(issued.getString("issued[0].code"));
    }

    private ValidatableResponse put(String bearer, String body) {
        return Api.as(bearer).body(body).put("/api/v1/assessments/{id}/response", assessment).then();
    }

    private static void problem(ValidatableResponse response, int status) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    private void nothingStored() {
        problem(Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then(), 404);
    }

    @Test
    void invalidAnswersAreRefusedFieldByFieldAndNothingIsStored() {
        problem(put(token, "{\"answers\": {\"no-such-question\": 1, \"focus-hours\": 500, \"role\": \"astronaut\","
                + " \"comm-norms-clear\": \"5\", \"async-channels\": [\"telepathy\"]}}"), 400);
        put(token, "{\"answers\": {\"no-such-question\": 1, \"focus-hours\": 500, \"role\": \"astronaut\","
                + " \"comm-norms-clear\": \"5\", \"async-channels\": [\"telepathy\"]}}")
                .body("errors.field", hasItem("answers.no-such-question")).body("errors.field", hasItem("answers.focus-hours"))
                .body("errors.field", hasItem("answers.role")).body("errors.field", hasItem("answers.comm-norms-clear"))
                .body("errors.field", hasItem("answers.async-channels"));
        problem(put(token, "{\"answers\": {\"focus-hours\": 10}, \"submitted\": true}"), 400);
        problem(put(token, "{\"submitted\": true}"), 400);
        problem(put(token, "{\"answers\": {}, \"submitted\": \"yes\"}"), 400);
        nothingStored();
        // One valid field does not sneak through beside an invalid one.
        problem(put(token, "{\"answers\": {\"focus-hours\": 10, \"role\": \"astronaut\"}}"), 400);
        nothingStored();
    }

    @Test
    void aDraftCanBeSavedReadRepeatedAndWithdrawn() {
        String body = "{\"answers\": {\"focus-hours\": 10, \"one-change\": \"More docs\"}}";
        String etag = put(token, body).statusCode(201).body("status", equalTo("draft")).extract().header("ETag");
        // The same PUT again: the same state and the same ETag.
        put(token, body).statusCode(200).header("ETag", etag).body("answers.focus-hours", equalTo(10));
        Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .header("ETag", etag).body("answers.one-change", equalTo("More docs"));
        Api.as(token).delete("/api/v1/assessments/{id}/response", assessment).then().statusCode(204);
        nothingStored();
    }

    @Test
    void aStaleETagIsRefusedAndConcurrentWritersNeverLoseAnUpdate() throws Exception {
        String etag = put(token, "{\"answers\": {\"focus-hours\": 1}}").statusCode(201).extract().header("ETag");
        Callable<Integer> writer1 = () -> Api.as(token).header("If-Match", etag).body("{\"answers\": {\"focus-hours\": 2}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().extract().statusCode();
        Callable<Integer> writer2 = () -> Api.as(token).header("If-Match", etag).body("{\"answers\": {\"focus-hours\": 3}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().extract().statusCode();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>(pool.invokeAll(List.of(writer1, writer2)));
        pool.shutdown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        int kept = Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then().extract()
                .path("answers.focus-hours");
        assertThat(kept).isIn(2, 3);
        problem(Api.as(token).header("If-Match", etag).body("{\"answers\": {\"focus-hours\": 4}}")
                .put("/api/v1/assessments/{id}/response", assessment).then(), 412);
    }

    @Test
    void anETagReadBeforeAWithdrawalMatchesNoResponseMadeAfterIt() {
        // Two tabs: the first reads a response; the second withdraws it and answers anew. The first tab's ETag names
        // a response that no longer exists: its change and its withdrawal are refused, not applied to the new one.
        String before = put(token, "{\"answers\": {\"focus-hours\": 1}}").statusCode(201).extract().header("ETag");
        Api.as(token).header("If-Match", before).delete("/api/v1/assessments/{id}/response", assessment).then()
                .statusCode(204);
        String after = put(token, "{\"answers\": {\"focus-hours\": 2}}").statusCode(201).extract().header("ETag");
        assertThat(after).isNotEqualTo(before);
        problem(Api.as(token).header("If-Match", before).body("{\"answers\": {\"focus-hours\": 3}}")
                .put("/api/v1/assessments/{id}/response", assessment).then(), 412);
        problem(Api.as(token).header("If-Match", before).delete("/api/v1/assessments/{id}/response", assessment)
                .then(), 412);
        Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .header("ETag", after).body("answers.focus-hours", equalTo(2));
        // The new response's own ETag still works.
        Api.as(token).header("If-Match", after).body("{\"answers\": {\"focus-hours\": 4}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(200);
    }

    @Test
    void aClaimedInvitationCanBeNeitherRevokedNorReissuedAndKeepsItsAnswers() {
        put(token, "{\"answers\": {\"focus-hours\": 7}}").statusCode(201);
        String admin = Tokens.tenantAdmin(tenant);
        problem(Api.as(admin).post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, invitation).then(),
                409);
        problem(Api.as(admin).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, invitation).then(), 409);
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items[0].status", equalTo("claimed")).body("items[0].claimedAt", notNullValue());
        Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .body("answers.focus-hours", equalTo(7));
        // The member's own account does not open a seat claimed by code either: one seat, one credential.
        problem(Api.as(Tokens.as(tenant, "m1", Roles.MEMBER)).get("/api/v1/assessments/{id}/response", assessment)
                .then(), 409);
    }

    @Test
    void aPendingCodeCanBeRevokedOrReplacedAndThenNoLongerClaims() {
        String other = Api.newMember(tenant, team, Map.of("externalId", "m2"));
        var issued = Api.invite(tenant, assessment, other);
        String code = issued.getString("issued[0].code");
        String id = issued.getString("issued[0].id");
        String admin = Tokens.tenantAdmin(tenant);
        String fresh = Api.as(admin).body(Map.of("delivery", "code"))
                .post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, id).then()
                .statusCode(201).body("issued[0].memberId", equalTo(other)).extract().path("issued[0].code");
        problem(claimWith(code), 404);
        String newId = Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then().extract()
                .path("items.find { it.status == 'pending' }.id");
        Api.as(admin).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, newId).then().statusCode(200)
                .body("status", equalTo("revoked"));
        problem(claimWith(fresh), 404);
    }

    @Test
    void aCodeClaimsOnceAndMalformedCodesAreRefused() {
        String other = Api.newMember(tenant, team, Map.of("externalId", "m2"));
        String code = Api.invite(tenant, assessment, other).getString("issued[0].code");
        Api.claim(code);
        problem(claimWith(code), 404);
        problem(claimWith("not a code"), 400);
        problem(claimWith(tenant + "." + "A".repeat(43)), 404);
        problem(claimWith("no-such-tenant." + "A".repeat(43)), 404);
        problem(given().contentType("application/json").body("{}")
                .post("/api/v1/invitation-claims").then(), 400);
        problem(given().contentType("application/json").body("{\"code\": 5}")
                .post("/api/v1/invitation-claims").then(), 400);
    }

    private static ValidatableResponse claimWith(String code) {
        return given().contentType("application/json").body(Map.of("code", code))
                .post("/api/v1/invitation-claims").then();
    }

    @Test
    void anInvitationTokenAnswersItsOwnAssessmentAndDoesNothingElse() {
        String other = Api.newAssessment(tenant, team);
        Api.open(tenant, other);
        problem(Api.as(token).body("{\"answers\": {}}").put("/api/v1/assessments/{id}/response", other).then(), 403);
        problem(Api.as(token).get("/api/v1/teams").then(), 403);
        problem(Api.as(token).get("/api/v1/assessments/{id}", assessment).then(), 403);
        problem(Api.as(token).post("/api/v1/assessments/{id}/invitations", assessment).then(), 403);
    }

    @Test
    void anInvitationOrAccountOfAnotherTenantFindsNothing() {
        String otherTenant = Api.newTenant();
        String otherTeam = Api.newTeam(otherTenant, "Other");
        Api.newMember(otherTenant, otherTeam, Map.of("externalId", "x", "subject", "m1"));
        String foreignAssessment = Api.newAssessment(otherTenant, otherTeam);
        Api.open(otherTenant, foreignAssessment);
        String foreignToken = Api.claim(Api.invite(otherTenant, foreignAssessment).getString("issued[0].code"));
        problem(Api.as(foreignToken).body("{\"answers\": {}}")
                .put("/api/v1/assessments/{id}/response", assessment).then(), 403);
        // Same subject, other tenant: the account of tenant B does not reach tenant A's assessment.
        problem(Api.as(Tokens.as(otherTenant, "m1", Roles.MEMBER)).body("{\"answers\": {}}")
                .put("/api/v1/assessments/{id}/response", assessment).then(), 404);
        problem(Api.as(Tokens.as(otherTenant, "m1", Roles.MEMBER)).get("/api/v1/assessments/{id}/response", assessment)
                .then(), 404);
        problem(Api.as(Tokens.as(otherTenant, "m1", Roles.MEMBER)).delete("/api/v1/assessments/{id}/response", assessment)
                .then(), 404);
        nothingStored();
    }

    @Test
    void nobodyButTheAuthorReadsAResponse() {
        put(token, "{\"answers\": {\"one-change\": \"A secret wish\"}}").statusCode(201);
        // The lead, the admin and HR have no response of their own here: they get nothing, not the member's.
        String leadSubject = "lead-sub";
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", leadSubject, "role", "lead"));
        problem(Api.as(Tokens.as(tenant, leadSubject, Roles.TEAM_LEAD)).get("/api/v1/assessments/{id}/response", assessment)
                .then(), 404);
        problem(Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/response", assessment).then(), 404);
        problem(Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).get("/api/v1/assessments/{id}/response", assessment)
                .then(), 404);
        String invitations = Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/invitations", assessment)
                .then().extract().asString();
        assertThat(invitations).doesNotContain("A secret wish").doesNotContain("slot");
        String view = Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}", assessment).then().extract().asString();
        assertThat(view).doesNotContain("A secret wish").doesNotContain(memberId);
    }

    @Test
    void answersArriveOnlyWhileOpen() {
        String draft = Api.newAssessment(tenant, team);
        problem(Api.as(Tokens.as(tenant, "m1", Roles.MEMBER)).body("{\"answers\": {}}")
                .put("/api/v1/assessments/{id}/response", draft).then(), 409);
        Api.as(Tokens.tenantAdmin(tenant)).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
        problem(put(token, "{\"answers\": {\"focus-hours\": 3}}"), 409);
        nothingStored();
    }
}
