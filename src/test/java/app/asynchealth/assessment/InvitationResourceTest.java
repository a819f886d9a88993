package app.asynchealth.assessment;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvitationResourceTest {

    static final Map<String, String> BY_CODE = Map.of("delivery", "code");

    String tenant;
    String admin;
    String team;
    String assessment;

    @BeforeEach
    void assessment() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Team");
        Api.newMember(tenant, team, Map.of("externalId", "a"));
        Api.newMember(tenant, team, Map.of("externalId", "b"));
        assessment = Api.newAssessment(tenant, team);
    }

    @Test
    void everyMemberIsInvitedOnceAndAgainOnlyByReissue() {
        Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                .body("issued", hasSize(2)).body("issued[0].code", org.hamcrest.Matchers.notNullValue());
        Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                .body("issued", hasSize(0)).body("alreadyInvited", hasSize(2));
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("invitedCount", equalTo(2));
    }

    @Test
    void aRevokedInvitationSaysWhetherALeadWithdrewItOrAReissueReplacedIt() {
        List<String> invitations = Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations", assessment)
                .then().statusCode(201).extract().path("issued.id");
        Api.as(admin).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, invitations.get(0)).then()
                .statusCode(200).body("status", equalTo("revoked")).body("revokedBecause", equalTo("withdrawn"));
        String replacement = Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations/{inv}/reissue",
                assessment, invitations.get(1)).then().statusCode(201).extract().path("issued[0].id");
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.find { it.id == '" + invitations.get(0) + "' }.revokedBecause", equalTo("withdrawn"))
                .body("items.find { it.id == '" + invitations.get(1) + "' }.revokedBecause", equalTo("reissued"))
                .body("items.find { it.id == '" + replacement + "' }.status", equalTo("pending"))
                .body("items.find { it.id == '" + replacement + "' }", not(hasKey("revokedBecause")));
    }

    @Test
    void aNullBodyIsRefusedNotReadAsTheWholeTeam() {
        // The body is optional (no body invites the whole team), but null is not "no body": it is refused as
        // everywhere else, and nobody is invited.
        Api.as(admin).body("null").post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(400)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("malformed-request"));
        Api.as(admin).body(" null ").post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(400);
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("invitedCount", equalTo(0));
        String invitation = Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations", assessment).then()
                .statusCode(201).extract().path("issued[0].id");
        String code = Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment,
                invitation).then().statusCode(201).extract().path("issued[0].code");
        Api.as(admin).body("null").post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, invitation)
                .then().statusCode(400);
        // The refused reissue changed nothing: the code of the last reissue still claims.
        Api.claim(code);
    }

    @Test
    void onlyTheTeamsMembersCanBeInvited() {
        String stranger = Api.newMember(tenant, Api.newTeam(tenant, "Elsewhere"), Map.of("externalId", "s"));
        Api.as(admin).body(Map.of("memberIds", List.of(stranger))).post("/api/v1/assessments/{id}/invitations", assessment)
                .then().statusCode(400).body("errors[0].field", equalTo("memberIds[0]"));
        Api.as(admin).body(Map.of("memberIds", List.of(UUID.randomUUID().toString())))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(400);
        Api.as(admin).body(Map.of("memberIds", List.of("not-a-uuid"))).post("/api/v1/assessments/{id}/invitations", assessment)
                .then().statusCode(400);
        Api.as(admin).get("/api/v1/assessments/{id}", assessment).then().body("invitedCount", equalTo(0));
    }

    @Test
    void aClosedAssessmentTakesNoInvitations() {
        Api.open(tenant, assessment);
        Api.as(admin).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
        Api.as(admin).post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(409);
    }

    @Test
    void membersCannotInviteAndOtherTenantsFindNothing() {
        String invitation = Api.as(admin).body(BY_CODE).post("/api/v1/assessments/{id}/invitations", assessment).then()
                .extract().path("issued[0].id");
        Api.newMember(tenant, team, Map.of("externalId", "c", "subject", "c"));
        Api.as(Tokens.as(tenant, "c", Roles.MEMBER)).post("/api/v1/assessments/{id}/invitations", assessment).then()
                .statusCode(403);
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        Api.as(intruder).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, invitation).then().statusCode(404);
        Api.as(intruder).post("/api/v1/assessments/{id}/invitations/{inv}/reissue", assessment, invitation).then()
                .statusCode(404);
        Api.as(admin).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("pending")));
        Api.as(admin).delete("/api/v1/assessments/{id}/invitations/{inv}", assessment, UUID.randomUUID()).then()
                .statusCode(404);
    }
}
