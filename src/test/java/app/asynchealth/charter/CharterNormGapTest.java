package app.asynchealth.charter;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The norm gap through the API: a lead writes the team's charter, a round closes, and its profile sets each stated norm
 * beside what the respondents perceive, figure by figure under the anonymity threshold, against the charter in effect
 * when the round closed.
 */
@QuarkusTest
class CharterNormGapTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> charter(String chatWithin) {
        return Map.of(
                "channels", List.of(Map.of("key", "chat", "name", "Slack #payments", "purpose", "Quick questions",
                        "responseExpectations", List.of(Map.of("urgency", "urgent", "within", "PT30M"),
                                Map.of("urgency", "normal", "within", chatWithin)))),
                "afterHours", Map.of("timeZones", List.of("Europe/Berlin"), "replies", "not-expected"),
                "meetings", Map.of("statusUpdatesAsync", true, "justifiedWhen", List.of("a decision needs discussion")),
                "focus", Map.of("protectedHoursPerWeek", 12));
    }

    /** The built-in template's answers with these changed; a null value leaves the question unanswered. */
    static String answers(Map<String, Object> changed) {
        try {
            Map<String, Object> body = JSON.readValue(ProfileResourceTest.answers(6, "rarely"), new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> answers = new LinkedHashMap<>((Map<String, Object>) body.get("answers"));
            changed.forEach((question, answer) -> {
                if (answer == null) {
                    answers.remove(question);
                } else {
                    answers.put(question, answer);
                }
            });
            body.put("answers", answers);
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String lead(String tenant, String team) {
        String subject = "lead-" + team.substring(0, 8);
        Api.newMember(tenant, team, Map.of("externalId", subject, "subject", subject, "role", "lead"));
        return Tokens.as(tenant, subject, Roles.TEAM_LEAD);
    }

    static void writeCharter(String lead, String team, Map<String, Object> charter, String ifMatch) {
        var request = Api.as(lead).body(charter);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.put("/api/v1/teams/{id}/charter", team).then().statusCode(ifMatch == null ? 201 : 200);
    }

    static ValidatableResponse norm(String tenant, String assessment, String key) {
        return Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", assessment).then()
                .statusCode(200).rootPath("normGap.norms.find { it.key == '" + key + "' }");
    }

    /** A round of six: four expect an answer within the hour, two the same day; two of six feel pressured after hours. */
    static String roundOfSix(String tenant, String team, String prefix) {
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        List<Map<String, Object>> respondents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> changed = new LinkedHashMap<>();
            changed.put("response-expectation", i < 4 ? "within-an-hour" : "same-day");
            changed.put("comm-guide-documented", i < 3 ? "yes" : "not-sure");
            changed.put("focus-hours", 4 + i);
            changed.put("after-hours-reason", i < 2 ? "feel-pressured" : null);
            respondents.add(changed);
        }
        for (int i = 0; i < respondents.size(); i++) {
            Api.answer(tenant, team, assessment, prefix + i + "-", 1, answers(respondents.get(i)));
        }
        Api.close(tenant, assessment);
        return assessment;
    }

    @Test
    void eachStatedNormStandsBesideWhatTheRoundPerceivesUnderTheThreshold() {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Payments");
        String lead = lead(tenant, team);
        writeCharter(lead, team, charter("PT4H"), null);

        String round = roundOfSix(tenant, team, "p");
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", round).then().statusCode(200)
                .body("status", equalTo("available")).body("normGap.charterVersion", equalTo(1))
                .body("normGap.charterWrittenAt", notNullValue()).body("normGap", not(hasKey("reason")));
        // The charter says 4 hours; 4 of 6 believe within the hour.
        norm(tenant, round, "response-time-stricter").body("status", equalTo("available")).body("answered", equalTo(6))
                .body("value", equalTo(66.7f)).body("lower", lessThan(66.7f)).body("kind", equalTo("share"))
                .body("departingAnswers", equalTo(List.of("immediately", "within-an-hour")))
                .body("statement", equalTo("Normal messages on Slack #payments are answered within 4 hours; no channel expects a faster answer to a normal message."))
                .body("context.key", equalTo(List.of("expected-within-an-hour", "expected-immediately")))
                .body("context[0].quote", equalTo("36.2% of respondents believe they are expected to respond to messages within an hour, including 9.3% who think they have to reply immediately."));
        // The same 4 of 6 is the metric "expected within an hour": one Wilson interval, [29.99…, 90.32…], shown
        // alike in both places (half up), not [29.9, 90.4] beside [30.0, 90.3].
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", round).then()
                .rootPath("dimensions.find { it.key == 'response-norms' }.metrics.find { it.key == 'expected-within-an-hour' }")
                .body("value", equalTo(66.7f)).body("lower", equalTo(30.0f)).body("upper", equalTo(90.3f));
        norm(tenant, round, "response-time-stricter").body("lower", equalTo(30.0f)).body("upper", equalTo(90.3f));
        norm(tenant, round, "documented-guide").body("value", equalTo(50.0f));
        // Focus: mean 6.5 hours against 12 protected: the whole interval is below.
        norm(tenant, round, "protected-focus-hours").body("kind", equalTo("mean")).body("value", equalTo(6.5f))
                .body("stated", equalTo(12.0f)).body("difference", equalTo(-5.5f)).body("verdict", equalTo("worse"));
        norm(tenant, round, "meetings-only-when-justified").body("value", equalTo(0.0f));
        // Only two answered why they respond after hours: the count, nothing else.
        norm(tenant, round, "after-hours-pressure").body("status", equalTo("suppressed")).body("answered", equalTo(2))
                .body("$", not(hasKey("value"))).body("$", not(hasKey("lower"))).body("$", not(hasKey("upper")));

        // A later edit of the charter does not change what the closed round was held against.
        String etag = Api.as(lead).get("/api/v1/teams/{id}/charter", team).then().statusCode(200).extract()
                .header("ETag");
        writeCharter(lead, team, charter("PT1H"), etag);
        norm(tenant, round, "response-time-stricter").body("value", equalTo(66.7f));
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", round).then()
                .body("normGap.charterVersion", equalTo(1));
        // The next round is held against version 2: within an hour now meets the charter.
        String next = roundOfSix(tenant, team, "q");
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", next).then()
                .body("normGap.charterVersion", equalTo(2));
        norm(tenant, next, "response-time-stricter").body("value", equalTo(0.0f))
                .body("departingAnswers", equalTo(List.of("immediately")));
    }

    @Test
    void aTeamWithoutACharterGetsAReasonAndAnotherTeamsCharterIsNotItsOwn() {
        String tenant = Api.newTenant();
        String chartered = Api.newTeam(tenant, "Chartered");
        writeCharter(lead(tenant, chartered), chartered, charter("PT4H"), null);
        String other = Api.newTeam(tenant, "Without");
        String round = roundOfSix(tenant, other, "w");
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", round).then().statusCode(200)
                .body("status", equalTo("available")).body("normGap.reason", notNullValue())
                .body("normGap", not(hasKey("charterVersion"))).body("normGap.norms.size()", equalTo(0));
    }

    @Test
    void belowTheThresholdTheProfileHasNoNormGap() {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Small");
        writeCharter(lead(tenant, team), team, charter("PT4H"), null);
        String round = Api.closedRound(tenant, team, "s", 4, answers(Map.of()));
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", round).then().statusCode(200)
                .body("status", equalTo("suppressed")).body("$", not(hasKey("normGap")));
    }
}
