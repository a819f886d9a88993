package app.asynchealth.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A lead publishes a closed round's profile to the team: its members read exactly it, never another team's or an
 * unpublished one, never a suppressed figure, never HR's feeds; unpublished, it is gone for them again.
 */
@QuarkusTest
class ProfilePublicationTest {

    private static final String PROFILE = "/api/v1/assessments/{id}/profile";
    private static final String PUBLICATION = "/api/v1/assessments/{id}/profile/publication";
    private static final ObjectMapper JSON = new ObjectMapper();

    String tenant;
    String admin;
    String lead;
    String team;

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Published");
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead", "role", "lead"));
        lead = Tokens.as(tenant, "lead", Roles.TEAM_LEAD);
        for (int i = 0; i < 7; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "m" + i, "subject", "m" + i));
        }
    }

    private String closedRound(int respondents) {
        String round = Api.newAssessment(tenant, team);
        Api.open(tenant, round);
        for (int i = 0; i < respondents; i++) {
            Api.as(member(i)).body(ProfileResourceTest.answers(6 + i, "often")).put("/api/v1/assessments/{id}/response",
                    round).then().statusCode(201);
        }
        Api.close(tenant, round);
        return round;
    }

    private String member(int i) {
        return Tokens.as(tenant, "m" + i, Roles.MEMBER);
    }

    @Test
    void membersReadTheirTeamsProfileOnlyWhilePublished() {
        String round = closedRound(5);
        Api.as(member(0)).get(PROFILE, round).then().statusCode(404).contentType("application/problem+json");
        Api.as(member(6)).get("/api/v1/me/profiles").then().statusCode(200).body("items", empty());

        String publishedAt = Api.as(lead).put(PUBLICATION, round).then().statusCode(201)
                .body("assessmentId", equalTo(round)).body("teamId", equalTo(team))
                .body("profile", equalTo("/api/v1/assessments/" + round + "/profile")).extract().path("publishedAt");
        // Repeated (a reply that was lost): the same publication, nothing new.
        Api.as(lead).put(PUBLICATION, round).then().statusCode(200).body("publishedAt", equalTo(publishedAt));

        String asAdmin = Api.as(admin).get(PROFILE, round).then().statusCode(200).extract().asString();
        // Every member of the team, whether they answered or not, reads the very profile the lead reads.
        assertThat(Api.as(member(0)).get(PROFILE, round).then().statusCode(200).extract().asString()).isEqualTo(asAdmin);
        Api.as(member(6)).get(PROFILE, round).then().statusCode(200).body("status", equalTo("available"))
                .body("score", notNullValue());
        Api.as(member(6)).get("/api/v1/me/profiles").then().statusCode(200)
                .body("items.assessmentId", contains(round)).body("items[0].publishedAt", equalTo(publishedAt));
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).get(PUBLICATION, round).then().statusCode(200)
                .body("publishedAt", equalTo(publishedAt));

        Api.as(admin).delete(PUBLICATION, round).then().statusCode(204);
        Api.as(admin).delete(PUBLICATION, round).then().statusCode(204); // nothing left to hide: the same answer
        Api.as(member(0)).get(PROFILE, round).then().statusCode(404);
        Api.as(member(0)).get("/api/v1/me/profiles").then().statusCode(200).body("items", empty());
        Api.as(lead).get(PUBLICATION, round).then().statusCode(404);
    }

    @Test
    void aPublishedProfileReachesNoOtherTeamNoOtherTenantAndNoHrFeed() {
        String round = closedRound(5);
        Api.as(lead).put(PUBLICATION, round).then().statusCode(201);

        String otherTeam = Api.newTeam(tenant, "Elsewhere");
        Api.newMember(tenant, otherTeam, Map.of("externalId", "x", "subject", "x"));
        String outsider = Tokens.as(tenant, "x", Roles.MEMBER);
        Api.as(outsider).get(PROFILE, round).then().statusCode(404);
        Api.as(outsider).get("/api/v1/me/profiles").then().statusCode(200).body("items", empty());
        // The same subject in another tenant is somebody else.
        String otherTenant = Api.newTenant();
        Api.as(Tokens.as(otherTenant, "m0", Roles.MEMBER)).get(PROFILE, round).then().statusCode(404);
        Api.as(Tokens.as(otherTenant, "m0", Roles.MEMBER)).get("/api/v1/me/profiles").then().statusCode(200)
                .body("items", empty());
        // Members read the published profile, nothing else of the team's results.
        Api.as(member(0)).get("/api/v1/teams/{id}/trend", team).then().statusCode(403);
        Api.as(member(0)).get("/api/v1/scores").then().statusCode(403);
        Api.as(member(0)).get("/api/v1/organization/profile").then().statusCode(403);
        Api.as(member(0)).get("/api/v1/assessments/{id}/participation", round).then().statusCode(403);
        // Nor do they publish or unpublish; HR reads whether it is published but changes nothing.
        Api.as(member(0)).put(PUBLICATION, round).then().statusCode(403);
        Api.as(member(0)).delete(PUBLICATION, round).then().statusCode(403);
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).put(PUBLICATION, round).then().statusCode(403);
        Api.as(Tokens.tenantAdmin(otherTenant)).put(PUBLICATION, round).then().statusCode(404);
        Api.as(member(0)).get(PROFILE, round).then().statusCode(200);
    }

    @Test
    void aSuppressedRoundPublishedShowsItsMembersNoFigure() {
        String round = closedRound(4);
        Api.as(lead).put(PUBLICATION, round).then().statusCode(201);
        Api.as(member(5)).get(PROFILE, round).then().statusCode(200).body("status", equalTo("suppressed"))
                .body("respondents", equalTo(4)).body("$", not(hasKey("score"))).body("$", not(hasKey("dimensions")))
                .body("$", not(hasKey("recommendations")));
    }

    @Test
    void onlyAClosedRoundIsPublished() {
        String open = Api.newAssessment(tenant, team);
        Api.as(lead).put(PUBLICATION, open).then().statusCode(409).contentType("application/problem+json");
        Api.open(tenant, open);
        Api.as(lead).put(PUBLICATION, open).then().statusCode(409);
        Api.as(member(0)).get(PROFILE, open).then().statusCode(404);
        Api.as(lead).get(PUBLICATION, open).then().statusCode(404);
    }

    @Test
    void aSubscribedEndpointHearsOfEachPublicationOnce() throws Exception {
        String round = closedRound(5);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.as(admin).body(Map.of("url", receiver.url("/published"), "events", List.of("profile.published")))
                    .post("/api/v1/webhooks").then().statusCode(201);
            String first = Api.as(lead).put(PUBLICATION, round).then().statusCode(201).extract().path("publishedAt");
            Api.as(lead).put(PUBLICATION, round).then().statusCode(200);
            Api.as(lead).delete(PUBLICATION, round).then().statusCode(204);
            Api.as(lead).put(PUBLICATION, round).then().statusCode(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/published").size() >= 2);
            List<JsonNode> events = receiver.received("/published").stream().map(request -> {
                try {
                    return JSON.readTree(request.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sorted((x, y) -> Instant.parse(x.at("/data/publishedAt").asText())
                    .compareTo(Instant.parse(y.at("/data/publishedAt").asText()))).toList();
            assertThat(events).hasSize(2);
            assertThat(events.get(0).get("type").asText()).isEqualTo("profile.published");
            assertThat(events.get(0).at("/data/assessmentId").asText()).isEqualTo(round);
            assertThat(events.get(0).at("/data/teamId").asText()).isEqualTo(team);
            assertThat(events.get(0).at("/data/round").asInt()).isEqualTo(1);
            assertThat(Instant.parse(events.get(0).at("/data/publishedAt").asText())).isEqualTo(Instant.parse(first));
            assertThat(events.get(0).at("/data/profile").asText()).isEqualTo("/api/v1/assessments/" + round + "/profile");
        }
    }
}
