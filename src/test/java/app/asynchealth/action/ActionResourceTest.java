package app.asynchealth.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ActionResourceTest {

    static final String METRIC = "often-in-unnecessary-meetings";
    static final String AUDIT = "run-meeting-audit";

    @Inject
    ActionDueJob dueJob;

    String tenant;
    String admin;
    String lead;
    String team;
    String owner;
    WebhookReceiver receiver;

    @BeforeEach
    void team() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Payments");
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead", "role", "lead"));
        lead = Tokens.as(tenant, "lead", Roles.TEAM_LEAD);
        owner = Api.newMember(tenant, team, Map.of("externalId", "owner", "subject", "owner"));
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** A closed round of the team: each group of members (prefix → how many) answers with its meetings answer. */
    String round(String prefix, Map<String, Integer> often, Map<String, Integer> never) {
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        often.forEach((group, count) -> Api.answer(tenant, team, assessment, prefix + group, count,
                ProfileResourceTest.answers(8, "often")));
        never.forEach((group, count) -> Api.answer(tenant, team, assessment, prefix + group, count,
                ProfileResourceTest.answers(8, "never")));
        Api.close(tenant, assessment);
        return assessment;
    }

    String round(String prefix, int often, int never) {
        Map<String, Integer> o = often > 0 ? Map.of("o", often) : Map.of();
        Map<String, Integer> n = never > 0 ? Map.of("n", never) : Map.of();
        return round(prefix, o, n);
    }

    Map<String, Object> adoption(String baseline) {
        return new HashMap<>(Map.of("recommendationKey", AUDIT, "ownerMemberId", owner,
                "dueDate", today().plusDays(14).toString(), "baselineAssessmentId", baseline,
                "charterSection", "meetings"));
    }

    JsonPath adopt(String token, Map<String, Object> body) {
        return Api.as(token).body(body).post("/api/v1/teams/{team}/actions", team).then().statusCode(201)
                .header("ETag", "\"0\"").header("Location", containsString("/actions/")).extract().jsonPath();
    }

    JsonPath action(String token, String id) {
        return Api.as(token).get("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void anAdoptedRecommendationShowsItsEffectInTheNextRoundAndItsProfile() {
        String first = round("r1-", 6, 0);
        Api.as(admin).get("/api/v1/assessments/{id}/profile", first).then().statusCode(200)
                .body("recommendations.key", hasItem(AUDIT)).body("$", not(hasKey("actions")));

        JsonPath adopted = adopt(lead, adoption(first));
        String id = adopted.getString("id");
        assertThat(adopted.getString("title")).isEqualTo("Run a meeting audit");
        assertThat(adopted.getString("metric")).isEqualTo(METRIC);
        assertThat(adopted.getString("healthier")).isEqualTo("lower");
        assertThat(adopted.getString("status")).isEqualTo("planned");
        assertThat(adopted.getString("charterSection")).isEqualTo("meetings");
        assertThat(adopted.getString("baseline.assessmentId")).isEqualTo(first);
        assertThat(adopted.getString("baseline.status")).isEqualTo("available");
        assertThat(adopted.getDouble("baseline.value")).isEqualTo(100.0);
        assertThat(adopted.getInt("baseline.answered")).isEqualTo(6);
        assertThat(adopted.getDouble("baseline.lower")).isLessThan(100.0);
        assertThat(adopted.getMap("$")).doesNotContainKey("effect");

        String second = round("r2-", 0, 6);
        JsonPath measured = action(admin, id);
        assertThat(measured.getString("effect.assessmentId")).isEqualTo(second);
        assertThat(measured.getString("effect.status")).isEqualTo("available");
        assertThat(measured.getDouble("effect.value")).isEqualTo(0.0);
        assertThat(measured.getDouble("effect.change")).isEqualTo(-100.0);
        assertThat(measured.getDouble("effect.changeLower")).isGreaterThanOrEqualTo(-100.0);
        assertThat(measured.getDouble("effect.changeUpper")).isLessThan(0.0);
        assertThat(measured.getString("effect.verdict")).isEqualTo("improved");
        assertThat(measured.getString("effect.method")).isEqualTo("newcombe");

        // The next round's profile shows the action's change; the baseline's does not (it measures nothing).
        Api.as(admin).get("/api/v1/assessments/{id}/profile", second).then().statusCode(200)
                .body("actions", hasSize(1)).body("actions[0].actionId", equalTo(id))
                .body("actions[0].metric", equalTo(METRIC)).body("actions[0].figures", equalTo("available"))
                .body("actions[0].baselineValue", equalTo(100.0f)).body("actions[0].value", equalTo(0.0f))
                .body("actions[0].change", equalTo(-100.0f)).body("actions[0].changeUpper", lessThan(0f))
                .body("actions[0].verdict", equalTo("improved"));
        Api.as(lead).get("/api/v1/assessments/{id}/profile", first).then().statusCode(200)
                .body("$", not(hasKey("actions")));
        // A third round measures nothing more: the action was measured by the first round after it.
        String third = round("r3-", 6, 0);
        Api.as(admin).get("/api/v1/assessments/{id}/profile", third).then().statusCode(200)
                .body("$", not(hasKey("actions")));
        assertThat(action(admin, id).getString("effect.assessmentId")).isEqualTo(second);

        // A member of the team sees the action, not the figures (they may not read the profiles).
        Api.newMember(tenant, team, Map.of("externalId", "plain", "subject", "plain"));
        JsonPath asMember = action(Tokens.as(tenant, "plain", Roles.MEMBER), id);
        assertThat(asMember.getMap("baseline")).doesNotContainKeys("value", "status", "answered");
        assertThat(asMember.getMap("effect")).doesNotContainKeys("change", "value", "verdict");

        // HR sees it per team, with the change and no answer or respondent.
        String hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
        String feed = Api.as(hr).get("/api/v1/scores/actions").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].actionId", equalTo(id))
                .body("items[0].teamId", equalTo(team)).body("items[0].teamName", equalTo("Payments"))
                .body("items[0].metric", equalTo(METRIC)).body("items[0].verdict", equalTo("improved"))
                .body("items[0].change", equalTo(-100.0f)).body("items[0].measuredIn", equalTo(second))
                .extract().asString();
        assertThat(feed).doesNotContain("secret text", "r1-o0", "r2-n0", "owner", "answers");
        Api.as(hr).queryParam("teamId", Api.newTeam(tenant, "Other")).get("/api/v1/scores/actions").then()
                .statusCode(200).body("items", hasSize(0));
        Api.as(hr).queryParam("updatedSince", "2999-01-01T00:00:00Z").get("/api/v1/scores/actions").then()
                .statusCode(200).body("items", hasSize(0));
        Api.as(hr).queryParam("updatedSince", "yesterday").get("/api/v1/scores/actions").then().statusCode(400)
                .contentType("application/problem+json");
        Api.as(Tokens.as(tenant, "plain", Roles.MEMBER)).get("/api/v1/scores/actions").then().statusCode(403);
    }

    @Test
    void aSmallChangeOfSmallRoundsIsWithinTheNoise() {
        String first = round("s1-", 3, 2);
        Map<String, Object> body = adoption(first);
        body.remove("recommendationKey");
        body.put("title", "Fewer status meetings");
        body.put("metric", METRIC);
        String id = adopt(admin, body).getString("id");
        round("s2-", 2, 3);
        JsonPath measured = action(lead, id);
        assertThat(measured.getDouble("baseline.value")).isEqualTo(60.0);
        assertThat(measured.getDouble("effect.value")).isEqualTo(40.0);
        assertThat(measured.getDouble("effect.change")).isEqualTo(-20.0);
        assertThat(measured.getDouble("effect.changeLower")).isLessThan(0.0);
        assertThat(measured.getDouble("effect.changeUpper")).isGreaterThan(0.0);
        assertThat(measured.getString("effect.verdict")).isEqualTo("within-noise");
    }

    @Test
    void aNextRoundBelowTheThresholdShowsItsCountAndNoChange() {
        String first = round("u1-", 6, 0);
        String id = adopt(lead, adoption(first)).getString("id");
        String second = round("u2-", 0, 4);
        JsonPath measured = action(lead, id);
        assertThat(measured.getString("effect.assessmentId")).isEqualTo(second);
        assertThat(measured.getString("effect.status")).isEqualTo("suppressed");
        assertThat(measured.getLong("effect.respondents")).isEqualTo(4);
        assertThat(measured.getMap("effect")).doesNotContainKeys("value", "lower", "upper", "change", "changeLower",
                "changeUpper", "verdict");
        assertThat(measured.getString("effect.reason")).isNotBlank();
        Api.as(admin).get("/api/v1/assessments/{id}/profile", second).then().statusCode(200)
                .body("status", equalTo("suppressed")).body("$", not(hasKey("actions")));
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).get("/api/v1/scores/actions").then().statusCode(200)
                .body("items[0]", not(hasKey("change"))).body("items[0]", not(hasKey("verdict")))
                .body("items[0].measuredIn", equalTo(second));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        String first = round("b1-", 6, 0);
        String open = Api.newAssessment(tenant, team);
        Api.open(tenant, open);
        String otherTeam = Api.newTeam(tenant, "Other");
        String strangerMember = Api.newMember(tenant, otherTeam, Map.of("externalId", "x", "subject", "x"));
        String otherRound = Api.closedRound(tenant, otherTeam, "o-", 5, ProfileResourceTest.answers(8, "often"));
        String small = round("b2-", 2, 1);

        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("metric", with(first, Map.of("recommendationKey", "", "metric", "no-such-metric", "title", "T")));
        cases.put("baselineAssessmentId", with(otherRound, Map.of()));
        cases.put("baselineAssessmentId ", with(open, Map.of()));
        cases.put("baselineAssessmentId  ", with(small, Map.of()));
        cases.put("dueDate", with(first, Map.of("dueDate", today().minusDays(1).toString())));
        cases.put("ownerMemberId", with(first, Map.of("ownerMemberId", strangerMember)));
        cases.put("recommendationKey", with(first, Map.of("recommendationKey", "protect-focus-blocks-nope")));
        cases.put("title", with(first, Map.of("recommendationKey", "", "metric", METRIC)));
        cases.put("charterSection", with(first, Map.of("charterSection", "lunch")));
        cases.forEach((field, body) -> {
            var response = Api.as(admin).body(body).post("/api/v1/teams/{team}/actions", team).then()
                    .statusCode(400).contentType("application/problem+json");
            if (!field.equals("charterSection")) {
                response.body("errors.field", hasItem(field.strip()));
            }
        });
        Api.as(admin).get("/api/v1/teams/{team}/actions", team).then().statusCode(200).body("items", hasSize(0));

        // PATCH: the same checks for what it changes.
        String id = adopt(admin, adoption(first)).getString("id");
        Api.as(admin).body(Map.of("dueDate", today().minusDays(3).toString()))
                .patch("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("dueDate"));
        Api.as(admin).body(Map.of("ownerMemberId", strangerMember))
                .patch("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(400)
                .body("errors.field", hasItem("ownerMemberId"));
        Api.as(admin).body(Map.of("status", "finished")).patch("/api/v1/teams/{team}/actions/{id}", team, id).then()
                .statusCode(400).contentType("application/problem+json");
        assertThat(action(admin, id).getString("ownerMemberId")).isEqualTo(owner);
        Api.as(admin).get("/api/v1/teams/{team}/actions/{id}", team, id).then().header("ETag", "\"0\"");
    }

    /** The adoption with these properties replaced; an empty string removes one. */
    Map<String, Object> with(String baseline, Map<String, Object> replaced) {
        Map<String, Object> body = adoption(baseline);
        replaced.forEach((key, value) -> {
            if ("".equals(value)) {
                body.remove(key);
            } else {
                body.put(key, value);
            }
        });
        return body;
    }

    @Test
    void membersAndAnalystsMayNotWriteAndEtagsGuardChanges() {
        String first = round("e1-", 6, 0);
        String member = Tokens.as(tenant, "e1-o0", Roles.MEMBER);
        Api.as(member).body(adoption(first)).post("/api/v1/teams/{team}/actions", team).then().statusCode(403)
                .contentType("application/problem+json");
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).body(adoption(first))
                .post("/api/v1/teams/{team}/actions", team).then().statusCode(403);
        // A lead, but not of this team: the team is not theirs to see.
        String otherTeam = Api.newTeam(tenant, "Elsewhere");
        Api.newMember(tenant, otherTeam, Map.of("externalId", "lead2", "subject", "lead2", "role", "lead"));
        Api.as(Tokens.as(tenant, "lead2", Roles.TEAM_LEAD)).body(adoption(first))
                .post("/api/v1/teams/{team}/actions", team).then().statusCode(404);

        String id = adopt(lead, adoption(first)).getString("id");
        Api.as(member).get("/api/v1/teams/{team}/actions", team).then().statusCode(200).body("items", hasSize(1));
        Api.as(member).body(Map.of("status", "done")).patch("/api/v1/teams/{team}/actions/{id}", team, id).then()
                .statusCode(403);
        Api.as(member).header("If-Match", "\"0\"").delete("/api/v1/teams/{team}/actions/{id}", team, id).then()
                .statusCode(403);

        Api.as(lead).header("If-Match", "\"0\"").body(Map.of("status", "in-progress", "title", "Audit every meeting"))
                .patch("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(200).header("ETag", "\"1\"")
                .body("status", equalTo("in-progress")).body("title", equalTo("Audit every meeting"));
        Api.as(lead).header("If-Match", "\"0\"").body(Map.of("status", "done"))
                .patch("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(412)
                .contentType("application/problem+json");
        Api.as(lead).header("If-Match", "\"0\"").delete("/api/v1/teams/{team}/actions/{id}", team, id).then()
                .statusCode(412);
        assertThat(action(lead, id).getString("status")).isEqualTo("in-progress");
        Api.as(lead).header("If-Match", "\"1\"").delete("/api/v1/teams/{team}/actions/{id}", team, id).then()
                .statusCode(204);
        Api.as(lead).get("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(404);
    }

    @Test
    void anotherTenantsOrAnotherTeamsActionDoesNotExist() {
        String first = round("c1-", 6, 0);
        String id = adopt(admin, adoption(first)).getString("id");
        String other = Api.newTenant();
        String otherAdmin = Tokens.tenantAdmin(other);
        Api.as(otherAdmin).get("/api/v1/teams/{team}/actions", team).then().statusCode(404);
        Api.as(otherAdmin).get("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(404);
        Api.as(otherAdmin).body(adoption(first)).post("/api/v1/teams/{team}/actions", team).then().statusCode(404);
        Api.as(otherAdmin).body(Map.of("status", "dropped")).patch("/api/v1/teams/{team}/actions/{id}", team, id)
                .then().statusCode(404);
        Api.as(otherAdmin).delete("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(404);
        // In the other tenant's own team, A's action id is unknown too.
        String theirTeam = Api.newTeam(other, "Theirs");
        Api.as(otherAdmin).get("/api/v1/teams/{team}/actions/{id}", theirTeam, id).then().statusCode(404);
        Api.as(Tokens.as(other, "hr", Roles.HR_ANALYST)).get("/api/v1/scores/actions").then().statusCode(200)
                .body("items", hasSize(0));
        // The action of another team of the same tenant, under this team's path.
        String sibling = Api.newTeam(tenant, "Sibling");
        Api.as(admin).get("/api/v1/teams/{team}/actions/{id}", sibling, id).then().statusCode(404);
        Api.as(admin).body(Map.of("status", "dropped")).patch("/api/v1/teams/{team}/actions/{id}", sibling, id)
                .then().statusCode(404);
        Api.as(admin).delete("/api/v1/teams/{team}/actions/{id}", sibling, id).then().statusCode(404);
        assertThat(action(admin, id).getString("status")).isEqualTo("planned");
    }

    @Test
    void aDueActionIsAnnouncedOnceAndAgainForANewDueDate() throws Exception {
        String first = round("d1-", 6, 0);
        String path = "/due-" + tenant;
        Api.as(admin).body(Map.of("url", receiver.url(path), "events", List.of("action.due")))
                .post("/api/v1/webhooks").then().statusCode(201);
        Map<String, Object> body = adoption(first);
        body.put("dueDate", today().toString());
        String id = adopt(lead, body).getString("id");
        Map<String, Object> later = adoption(first);
        later.put("dueDate", today().plusDays(3).toString());
        adopt(lead, later); // not due yet
        Map<String, Object> done = adoption(first);
        done.put("dueDate", today().toString());
        String doneId = adopt(lead, done).getString("id");
        Api.as(lead).body(Map.of("status", "done")).patch("/api/v1/teams/{team}/actions/{id}", team, doneId).then()
                .statusCode(200);

        dueJob.announceAll(today());
        dueJob.announceAll(today()); // a second run, as another replica would: nothing new
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(path).size() >= 1);
        Thread.sleep(1500);
        assertThat(receiver.received(path)).hasSize(1);
        JsonNode message = new ObjectMapper().readTree(receiver.received(path).get(0).body());
        assertThat(message.get("type").asText()).isEqualTo("action.due");
        assertThat(message.at("/data/actionId").asText()).isEqualTo(id);
        assertThat(message.at("/data/teamId").asText()).isEqualTo(team);
        assertThat(message.at("/data/metric").asText()).isEqualTo(METRIC);
        assertThat(message.at("/data/recommendationKey").asText()).isEqualTo(AUDIT);
        assertThat(message.at("/data/dueDate").asText()).isEqualTo(today().toString());
        assertThat(message.at("/data/status").asText()).isEqualTo("planned");
        assertThat(message.at("/data/action").asText()).isEqualTo("/api/v1/teams/" + team + "/actions/" + id);
        assertThat(action(lead, id).getString("dueNotifiedAt")).isNotNull();

        // Postponed: announced again when the new date comes, and only then.
        Api.as(lead).body(Map.of("dueDate", today().plusDays(1).toString()))
                .patch("/api/v1/teams/{team}/actions/{id}", team, id).then().statusCode(200)
                .body("$", not(hasKey("dueNotifiedAt")));
        dueJob.announceAll(today());
        dueJob.announceAll(today().plusDays(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(path).size() >= 2);
        Thread.sleep(1500);
        assertThat(receiver.received(path)).hasSize(2);
        assertThat(new ObjectMapper().readTree(receiver.received(path).get(1).body()).at("/data/dueDate").asText())
                .isEqualTo(today().plusDays(1).toString());
    }

    @Test
    void theListIsPaged() {
        String first = round("p1-", 6, 0);
        for (int i = 0; i < 3; i++) {
            adopt(admin, adoption(first));
        }
        String cursor = Api.as(admin).queryParam("limit", 2).get("/api/v1/teams/{team}/actions", team).then()
                .statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .header("Link", containsString("rel=\"next\"")).extract().path("nextCursor");
        Api.as(admin).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/teams/{team}/actions", team)
                .then().statusCode(200).body("items", hasSize(1)).body("$", not(hasKey("nextCursor")));
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).queryParam("limit", 2).get("/api/v1/scores/actions").then()
                .statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue())
                .body("items[0].adoptedAt", notNullValue()).body("items[0].dueDate", notNullValue())
                .body("items.status", everyItemEquals("planned"));
    }

    static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemEquals(Object value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
