package app.asynchealth.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.asynchealth.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Small REST Assured helpers shared by the API tests. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Creates a tenant through the API as a platform administrator and returns its id. */
    public static String newTenant() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        as(Tokens.platformAdmin()).body(Map.of("id", id, "name", "Tenant " + id))
                .post("/api/v1/tenants").then().statusCode(201);
        return id;
    }

    /** Creates a team as the tenant's admin and returns its id. */
    public static String newTeam(String tenant, String name) {
        return as(Tokens.tenantAdmin(tenant)).body(Map.of("name", name))
                .post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    /** Creates a draft assessment of the team, open from now for a week, and returns its id. */
    public static String newAssessment(String tenant, String team) {
        java.time.Instant now = java.time.Instant.now();
        return as(Tokens.tenantAdmin(tenant)).body(Map.of("teamId", team, "title", "Round",
                "opensAt", now.plus(java.time.Duration.ofDays(1)).toString(),
                "closesAt", now.plus(java.time.Duration.ofDays(8)).toString()))
                .post("/api/v1/assessments").then().statusCode(201).extract().path("id");
    }

    public static void open(String tenant, String assessment) {
        as(Tokens.tenantAdmin(tenant)).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200);
    }

    public static String newMember(String tenant, String team, Map<String, Object> member) {
        return as(Tokens.tenantAdmin(tenant)).body(member)
                .post("/api/v1/teams/{team}/members", team).then().statusCode(201).extract().path("id");
    }

    /** Members {@code prefix0..} of the team join it and submit these answers to the open assessment. */
    public static void answer(String tenant, String team, String assessment, String prefix, int respondents,
            String answers) {
        for (int i = 0; i < respondents; i++) {
            String subject = prefix + i;
            newMember(tenant, team, Map.of("externalId", subject, "subject", subject));
            as(Tokens.as(tenant, subject, Roles.MEMBER)).body(answers)
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
        }
    }

    /**
     * Invites the members (all of the team's when none) as the tenant's admin, with the codes returned to the caller;
     * returns the issued invitations.
     */
    public static JsonPath invite(String tenant, String assessment, String... memberIds) {
        Map<String, Object> body = memberIds.length > 0 ? Map.of("memberIds", List.of(memberIds), "delivery", "code")
                : Map.of("delivery", "code");
        return as(Tokens.tenantAdmin(tenant)).body(body).post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201).extract()
                .jsonPath();
    }

    /** What the member does with a claim code: exchange it, with no token, for their own respondent credential. */
    public static String claim(String code) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/invitation-claims").then().statusCode(201).extract().path("token");
    }

    public static void close(String tenant, String assessment) {
        as(Tokens.tenantAdmin(tenant)).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
    }

    /** A round of the team, opened, answered by {@code respondents} new members ({@code prefix0..}) and closed. */
    public static String closedRound(String tenant, String team, String prefix, int respondents, String answers) {
        String assessment = newAssessment(tenant, team);
        open(tenant, assessment);
        answer(tenant, team, assessment, prefix, respondents, answers);
        close(tenant, assessment);
        return assessment;
    }
}
