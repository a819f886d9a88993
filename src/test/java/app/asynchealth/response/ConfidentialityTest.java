package app.asynchealth.response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The lead, the tenant admin and an HR integration play the attacker: by every route the API has (reading, answering,
 * withdrawing, revoking, reissuing, re-inviting, re-linking the member's account, removing and re-adding the member),
 * none of them reads or changes a member's answers, whether the member answered with a claimed code or an account.
 */
@QuarkusTest
class ConfidentialityTest {

    static final String SECRET = "{\"answers\": {\"focus-hours\": 4, \"one-change\": \"My lead interrupts all day\"}}";

    @Inject
    AsTenant asTenant;
    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;

    String tenant;
    String team;
    String assessment;
    String lead;
    String admin;
    String hr;
    String byCode;        // member answering with a claimed code
    String byCodeMember;
    String byCodeInvitation;
    String credential;    // what byCode received for the code; only they hold it
    String code;          // what the lead saw
    String byAccountMember;

    @BeforeEach
    void answeredByCodeAndByAccount() {
        tenant = Api.newTenant();
        team = Api.newTeam(tenant, "Team");
        admin = Tokens.tenantAdmin(tenant);
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead-sub", "role", "lead"));
        lead = Tokens.as(tenant, "lead-sub", Roles.TEAM_LEAD);
        hr = Api.as(admin).body(Map.of("name", "HR sync")).post("/api/v1/integrations/tokens").then().statusCode(201)
                .extract().path("token");
        byCodeMember = Api.newMember(tenant, team, Map.of("externalId", "code-person", "subject", "code-sub"));
        byAccountMember = Api.newMember(tenant, team, Map.of("externalId", "account-person", "subject", "account-sub"));
        assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);

        var issued = Api.as(lead).body(Map.of("memberIds", List.of(byCodeMember), "delivery", "code"))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201).extract().jsonPath();
        code = issued.getString("issued[0].code");
        byCodeInvitation = issued.getString("issued[0].id");
        credential = Api.claim(code);
        Api.as(credential).body(SECRET).put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
        Api.as(account()).body(SECRET).put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
    }

    private String account() {
        return Tokens.as(tenant, "account-sub", Roles.MEMBER);
    }

    private ValidatableResponse read(String token) {
        return Api.as(token).get("/api/v1/assessments/{id}/response", assessment).then();
    }

    private ValidatableResponse write(String token) {
        return Api.as(token).body("{\"answers\": {\"focus-hours\": 40}}").put("/api/v1/assessments/{id}/response", assessment)
                .then();
    }

    private void bothAnswersIntact() {
        read(credential).statusCode(200).body("answers.focus-hours", equalTo(4))
                .body("answers.one-change", equalTo("My lead interrupts all day"));
        read(account()).statusCode(200).body("answers.focus-hours", equalTo(4));
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("submittedCount", equalTo(0));
    }

    private static void refused(ValidatableResponse response, int status) {
        response.statusCode(status).contentType("application/problem+json");
    }

    @Test
    void theIssuersCodeIsDeadOnceClaimedAndReadsNothing() {
        refused(given().contentType("application/json").body(Map.of("code", code)).post("/api/v1/invitation-claims")
                .then(), 404);
        // The code is not a bearer token for anything either.
        refused(read(code), 401);
        bothAnswersIntact();
    }

    @Test
    void leadAdminAndHrReadNothingAndTheirOwnAnswerIsTheirOwn() {
        for (String intruder : List.of(admin, hr, Tokens.as(tenant, "hr-person", Roles.HR_ANALYST))) {
            refused(read(intruder), 404);
            refused(write(intruder), 404);
            refused(Api.as(intruder).delete("/api/v1/assessments/{id}/response", assessment).then(), 404);
        }
        // The lead is on the team: answering gives the lead a seat and a response of their own, never a member's.
        refused(read(lead), 404);
        write(lead).statusCode(201).body("answers.focus-hours", equalTo(40)).body("answers.one-change", equalTo(null));
        bothAnswersIntact();
    }

    @Test
    void revokeReissueAndReinviteNeverHandTheSeatToAnyoneElse() {
        for (String issuer : List.of(lead, admin)) {
            refused(Api.as(issuer).post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, byCodeInvitation)
                    .then(), 409);
            refused(Api.as(issuer).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, byCodeInvitation)
                    .then(), 409);
            Api.as(issuer).body(Map.of("memberIds", List.of(byCodeMember, byAccountMember)))
                    .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                    .body("issued", empty()).body("alreadyInvited", hasItem(byCodeMember))
                    .body("alreadyInvited", hasItem(byAccountMember));
            // Inviting everyone issues codes only to members who hold no seat (the lead).
            Api.as(issuer).post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                    .body("issued.memberId", not(hasItem(byCodeMember)))
                    .body("issued.memberId", not(hasItem(byAccountMember)));
        }
        // The seat the account claimed cannot be revoked or reissued either.
        String accountSeat = Api.as(admin).get("/api/v1/assessments/{id}/invitations?limit=200", assessment).then()
                .extract().path("items.find { it.memberId == '" + byAccountMember + "' }.id");
        refused(Api.as(lead).post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, accountSeat).then(),
                409);
        refused(Api.as(lead).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, accountSeat).then(), 409);
        // An HR integration cannot even see or issue invitations.
        refused(Api.as(hr).get("/api/v1/assessments/{id}/invitations", assessment).then(), 403);
        refused(Api.as(hr).post("/api/v1/assessments/{id}/invitations", assessment).then(), 403);
        bothAnswersIntact();
    }

    @Test
    void relinkingAMembersAccountToTheLeadOpensNothing() {
        // A malicious lead points each member's account link at a subject of their own, then answers as them.
        for (String member : List.of(byCodeMember, byAccountMember)) {
            String stolen = "lead-sub-" + member;
            Api.as(lead).body(Map.of("subject", stolen)).patch("/api/v1/teams/{team}/members/{id}", team, member)
                    .then().statusCode(200);
            String impostor = Tokens.as(tenant, stolen, Roles.TEAM_LEAD);
            refused(read(impostor), 409);
            refused(write(impostor), 409);
            refused(Api.as(impostor).delete("/api/v1/assessments/{id}/response", assessment).then(), 409);
        }
        // Linked back, the account finds its answers as they were.
        Api.as(admin).body(Map.of("subject", "account-sub")).patch("/api/v1/teams/{team}/members/{id}", team,
                byAccountMember).then().statusCode(200);
        bothAnswersIntact();
    }

    @Test
    void removingAndReaddingAMemberStartsAnEmptySeat() {
        Api.as(lead).delete("/api/v1/teams/{team}/members/{id}", team, byAccountMember).then().statusCode(204);
        String readded = Api.as(lead).body(Map.of("externalId", "account-person", "subject", "lead-sub-3"))
                .post("/api/v1/teams/{team}/members", team).then().statusCode(201).extract().path("id");
        String impostor = Tokens.as(tenant, "lead-sub-3", Roles.TEAM_LEAD);
        refused(read(impostor), 404);
        String code = Api.invite(tenant, assessment, readded).getString("issued[0].code");
        refused(read(Api.claim(code)), 404);
        read(credential).statusCode(200).body("answers.focus-hours", equalTo(4));
    }

    @Test
    void nothingTheIssuerOrHrCanReadLinksToAResponse() throws Exception {
        assertThat(code).doesNotContain(byCodeInvitation).doesNotContain(byCodeMember).startsWith(tenant + ".");
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(credential.split("\\.")[1]));
        List<String> names = new ArrayList<>();
        claims.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsOnly("iss", "aud", "sub", "jti", "tenant", "assessment", "groups", "exp", "iat");
        assertThat(claims.get("sub").asText()).isEqualTo("respondent");
        List<String> slots = asTenant.call(tenant, () -> entityManager.createNativeQuery(
                "SELECT slot FROM response WHERE assessment_id = CAST(?1 AS uuid)").setParameter(1, assessment)
                .getResultList().stream().map(String.class::cast).toList());
        assertThat(slots).hasSize(2);
        String payload = new String(Base64.getUrlDecoder().decode(credential.split("\\.")[1]), StandardCharsets.UTF_8);
        for (String slot : slots) {
            assertThat(payload).doesNotContain(slot);
            assertThat(code).doesNotContain(slot);
        }
        assertThat(payload).doesNotContain(byCodeInvitation).doesNotContain(byCodeMember);
        // The seat keeps only a hash of the credential's secret, and the code's hash is gone with the claim.
        Object[] seat = asTenant.call(tenant, () -> (Object[]) entityManager.createNativeQuery(
                "SELECT code_hash, claimant_hash FROM invitation WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, byCodeInvitation).getSingleResult());
        assertThat(seat[0]).isNull();
        assertThat((String) seat[1]).doesNotContain(claims.get("jti").asText());
        String invitations = Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then().extract()
                .asString();
        assertThat(invitations).doesNotContain(code).doesNotContain(claims.get("jti").asText());
    }

    @Test
    void aRespondentCredentialOfAnotherTenantOrAssessmentOpensNothingHere() {
        String otherTenant = Api.newTenant();
        String otherTeam = Api.newTeam(otherTenant, "Other");
        Api.newMember(otherTenant, otherTeam, Map.of("externalId", "x"));
        String foreign = Api.newAssessment(otherTenant, otherTeam);
        Api.open(otherTenant, foreign);
        String foreignCredential = Api.claim(Api.invite(otherTenant, foreign).getString("issued[0].code"));
        refused(read(foreignCredential), 403);
        refused(Api.as(credential).get("/api/v1/assessments/{id}/response", foreign).then(), 403);
        // A credential forged with the right claims but an invented id matches no seat.
        String forged = Tokens.service(Tokens.serviceClaims(tenant, Roles.RESPONDENT)
                .audience(ConfigProvider.getConfig().getValue("async-health.jwt.respond-audience", String.class))
                .claim("assessment", assessment).claim("jti", "invented"));
        refused(read(forged), 403);
        bothAnswersIntact();
    }
}
