package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The whole path: a lead creates and opens an assessment, invites the team, twelve members answer (half with
 * invitation tokens, half with their own accounts), the lead closes it, and nothing more is accepted.
 */
@QuarkusTest
public class AnsweringWalkthroughTest {

    /** The whole questionnaire but the channels, submitted, varied by {@code i} (the bench harness uses it too). */
    public static String answers(long i) {
        return """
                {"answers": {"role": "%s", "working-style": "hybrid", "team-async-style": "mostly-async",
                 "comm-guide-documented": "%s", "comm-norms-clear": %d, "comm-effectiveness": 3,
                 "meetings-could-be-async": "often", "response-expectation": "within-an-hour",
                 "response-norms-agreed": 2, "focus-hours": %d, "hours-worked": 40, "realtime-share": 45,
                 "after-hours-frequency": "sometimes", "schedule-control": 3,
                 "async-alignment-effect": "somewhat-improves", "team-connectedness": 4,
                 "one-change": "Member %d wants fewer status meetings"},
                 "submitted": true}""".formatted(i % 3 == 0 ? "people-manager" : "ic", i % 2 == 0 ? "yes" : "no",
                1 + i % 5, 3 + i % 40, i);
    }

    @Test
    void twelveMembersAnswerThroughBothRoutes() {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Walkthrough");
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead-sub", "role", "lead"));
        String lead = Tokens.as(tenant, "lead-sub", Roles.TEAM_LEAD);
        List<String> memberIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            memberIds.add(Api.as(lead).body(Map.of("externalId", "m" + i, "subject", "member-" + i))
                    .post("/api/v1/teams/{team}/members", team).then().statusCode(201).extract().path("id"));
        }
        java.time.Instant now = java.time.Instant.now();
        String assessment = Api.as(lead).body(Map.of("teamId", team, "title", "Q3 async health",
                "template", Map.of("key", "async-health", "version", 1),
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(14 * 86400).toString()))
                .post("/api/v1/assessments").then().statusCode(201)
                .body("status", equalTo("draft")).body("anonymityThreshold", equalTo(5))
                .body("round", equalTo(1)).extract().path("id");

        // Invitations for the first six members; each claim code is shown once, and each member claims their own.
        JsonPath issued = Api.as(lead).body(Map.of("memberIds", memberIds.subList(0, 6), "delivery", "code"))
                .post("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(201)
                .body("issued", hasSize(6)).body("alreadyInvited", hasSize(0)).extract().jsonPath();
        List<String> tokens = issued.getList("issued.code", String.class).stream().map(Api::claim).toList();
        Api.as(lead).get("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(200)
                .body("items", hasSize(6)).body("items[0]", not(hasKey("code")))
                .body("items.status", everyItem(equalTo("claimed")));

        // Nobody answers a draft.
        Api.as(tokens.get(0)).body(answers(0)).put("/api/v1/assessments/{id}/response", assessment).then()
                .statusCode(409).contentType("application/problem+json");

        Api.as(lead).post("/api/v1/assessments/{id}/open", assessment).then().statusCode(200)
                .body("status", equalTo("open")).body("invitedCount", equalTo(6));

        for (int i = 0; i < 6; i++) {
            Api.as(tokens.get(i)).body(answers(i)).put("/api/v1/assessments/{id}/response", assessment).then()
                    .statusCode(201).body("status", equalTo("submitted"));
        }
        for (int i = 6; i < 12; i++) {
            String own = i % 2 == 0 ? Tokens.as(tenant, "member-" + i, Roles.MEMBER)
                    : Tokens.keycloak(Map.of("sub", "member-" + i, "organization", List.of(tenant)), Roles.MEMBER);
            Api.as(own).body(answers(i)).put("/api/v1/assessments/{id}/response", assessment).then()
                    .statusCode(201).body("answers.focus-hours", equalTo(3 + i));
        }

        // Member 0 also has an account, but claimed their seat with the code: the account neither reads those answers
        // nor answers a second time.
        Api.as(Tokens.as(tenant, "member-0", Roles.MEMBER)).get("/api/v1/assessments/{id}/response", assessment).then()
                .statusCode(409);
        Api.as(Tokens.as(tenant, "member-0", Roles.MEMBER)).body(answers(0))
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(409);
        Api.as(tokens.get(0)).get("/api/v1/assessments/{id}/response", assessment).then().statusCode(200)
                .body("answers.one-change", equalTo("Member 0 wants fewer status meetings"));

        // The six members answering with their accounts hold seats too.
        Api.as(lead).get("/api/v1/assessments/{id}", assessment).then().statusCode(200)
                .body("submittedCount", equalTo(12)).body("invitedCount", equalTo(12))
                .body("$", not(hasKey("answers")));

        Api.as(lead).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200)
                .body("status", equalTo("closed")).body("closedAt", org.hamcrest.Matchers.notNullValue());
        Api.as(tokens.get(1)).body(answers(1)).put("/api/v1/assessments/{id}/response", assessment).then()
                .statusCode(409);
        Api.as(tokens.get(1)).delete("/api/v1/assessments/{id}/response", assessment).then().statusCode(409);
        Api.as(lead).get("/api/v1/assessments/{id}", assessment).then().body("submittedCount", equalTo(12));
        assertThat(tokens).doesNotHaveDuplicates();
    }
}
