package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
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
 * The per-figure threshold end to end (docs/scoring.md, "Per-figure threshold"): threshold 5, six respondents, and an
 * optional question answered by only two or three of them. No figure that rests on it appears in any output: the
 * profile, the trend, the scores feed, both export formats, the organisation rollup and the webhooks.
 */
@QuarkusTest
class PerFigureThresholdTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The description of after-hours level 2: shown as next level only if after hours scored level 1 (0 to <20). */
    static final String AFTER_HOURS_LEVEL_TWO = "After-hours replies are common and not always by choice.";

    String tenant;
    String admin;
    String hr;
    String sparse;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
        sparse = Api.newTeam(tenant, "Sparse");
        for (int i = 0; i < 6; i++) {
            Api.newMember(tenant, sparse, Map.of("externalId", "s" + i, "subject", "s" + i));
        }
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** Every required answer, the same for everyone; after-hours questions only when the template asks them. */
    static String answers(boolean builtIn, String afterHoursReason) throws Exception {
        Map<String, Object> answers = new HashMap<>(Map.ofEntries(Map.entry("role", "ic"),
                Map.entry("working-style", "hybrid"), Map.entry("team-async-style", "mostly-async"),
                Map.entry("comm-guide-documented", "no"), Map.entry("comm-norms-clear", 2),
                Map.entry("comm-effectiveness", 3), Map.entry("meetings-could-be-async", "often"),
                Map.entry("response-expectation", "within-an-hour"), Map.entry("response-norms-agreed", 2),
                Map.entry("focus-hours", 8), Map.entry("hours-worked", 40), Map.entry("realtime-share", 45),
                Map.entry("async-alignment-effect", "somewhat-improves"), Map.entry("team-connectedness", 4)));
        if (builtIn) {
            answers.put("after-hours-frequency", "rarely");
            answers.put("schedule-control", 4);
        }
        if (afterHoursReason != null) {
            answers.put("after-hours-reason", afterHoursReason);
        }
        return JSON.writeValueAsString(Map.of("answers", answers, "submitted", true));
    }

    /** A round of the sparse team: six submit, the first {@code reasons} of them answer the optional question. */
    String sparseRound(Map<String, Object> template, String previous, int reasons) throws Exception {
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(Map.of("teamId", sparse, "title", "Round",
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(86400).toString()));
        if (template != null) {
            body.put("template", template);
        }
        if (previous != null) {
            body.put("previousAssessmentId", previous);
        }
        String id = Api.as(admin).body(body).post("/api/v1/assessments").then().statusCode(201).extract().path("id");
        Api.open(tenant, id);
        for (int i = 0; i < 6; i++) {
            Api.as(Tokens.as(tenant, "s" + i, Roles.MEMBER)).body(answers(template == null, i < reasons ? "feel-pressured" : null))
                    .put("/api/v1/assessments/{id}/response", id).then().statusCode(201);
        }
        Api.close(tenant, id);
        return id;
    }

    JsonNode get(String token, String path, Object... parameters) throws Exception {
        return JSON.readTree(Api.as(token).get(path, parameters).then().statusCode(200).extract().asString());
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }

    static void assertSuppressedMetric(JsonNode metric, int answered) {
        assertThat(metric.get("status").asText()).as(metric.toString()).isEqualTo("suppressed");
        assertThat(metric.get("answered").asInt()).as(metric.toString()).isEqualTo(answered);
        for (String figure : List.of("value", "lower", "upper", "difference", "withinInterval")) {
            assertThat(metric.has(figure)).as(metric + " " + figure).isFalse();
        }
    }

    @Test
    void figuresOnFewerAnswersThanTheThresholdAppearNowhere() throws Exception {
        Api.as(admin).body(Map.of("url", receiver.url("/hooks"), "events", List.of("assessment.closed",
                "profile.available"))).post("/api/v1/webhooks").then().statusCode(201);
        // A tenant version without two of the three after-hours questions: only the optional one is left there.
        Api.as(admin).body(Map.of("key", "short-check", "title", "Short", "basedOn",
                Map.of("key", "async-health", "version", 1), "omitQuestions",
                List.of("after-hours-frequency", "schedule-control"))).post("/api/v1/templates").then().statusCode(201);

        // Round 1: two of six say why they answer after hours; round 2 (short template): three of six, nothing else.
        String first = sparseRound(null, null, 2);
        String second = sparseRound(Map.of("key", "short-check", "version", 1), first, 3);
        // Another team answers everything, with "personal-choice" (75) as its reason.
        String full = Api.newTeam(tenant, "Full");
        String fullRound = Api.closedRound(tenant, full, "f", 5, answers(true, "personal-choice"));

        // Profile, round 1: after hours from frequency (rarely, 75) and control (4, 75) only: 75, not 50 with the
        // two "feel-pressured" (0); the reason's share has its count and nothing else.
        JsonNode one = get(admin, "/api/v1/assessments/{id}/profile", first);
        assertThat(one.get("status").asText()).isEqualTo("available");
        JsonNode afterHours = find(one.get("dimensions"), "key", "after-hours");
        assertThat(afterHours.get("status").asText()).isEqualTo("available");
        assertThat(afterHours.get("score").asDouble()).isEqualTo(75.0);
        JsonNode reason = find(afterHours.get("questions"), "key", "after-hours-reason");
        assertThat(reason.get("status").asText()).isEqualTo("suppressed");
        assertThat(reason.get("answered").asInt()).isEqualTo(2);
        assertSuppressedMetric(find(afterHours.get("metrics"), "key", "after-hours-pressured"), 2);
        assertThat(find(afterHours.get("metrics"), "key", "respond-after-hours").get("value").asDouble()).isEqualTo(0.0);
        // Overall (25 + 25 + 25 + 40 + 55 + 75 + 75 + 75) / 8 = 49.375, shown rounded down; with the reason inside
        // after hours it would be 46.3.
        assertThat(one.get("score").asDouble()).isEqualTo(49.3);

        // Profile, round 2: after hours rests on three answers only: no score, level or next level, only counts.
        JsonNode two = get(admin, "/api/v1/assessments/{id}/profile", second);
        assertThat(two.get("status").asText()).isEqualTo("available");
        afterHours = find(two.get("dimensions"), "key", "after-hours");
        assertThat(afterHours.get("status").asText()).isEqualTo("suppressed");
        for (String figure : List.of("score", "level", "levelName", "nextLevel")) {
            assertThat(afterHours.has(figure)).as(figure).isFalse();
        }
        assertThat(find(afterHours.get("questions"), "key", "after-hours-reason").get("answered").asInt()).isEqualTo(3);
        assertSuppressedMetric(find(afterHours.get("metrics"), "key", "after-hours-pressured"), 3);
        assertSuppressedMetric(find(afterHours.get("metrics"), "key", "respond-after-hours"), 0);
        assertSuppressedMetric(find(afterHours.get("metrics"), "key", "schedule-control"), 0);
        // The other seven dimensions: (25 + 25 + 25 + 40 + 55 + 75 + 75) / 7; with after hours at 0 it would be 40.
        assertThat(two.get("score").asDouble()).isEqualTo(45.7);
        assertThat(two.toString()).doesNotContain(AFTER_HOURS_LEVEL_TWO);
        // Recommendations cite published figures only.
        assertThat(two.get("recommendations")).isNotEmpty().allSatisfy(recommendation -> {
            assertThat(recommendation.get("dimension").asText()).isNotEqualTo("after-hours");
            assertThat(recommendation.get("key").asText()).isNotEqualTo("agree-after-hours-norms");
            assertThat(find(two.get("dimensions"), "key", recommendation.get("dimension").asText()).get("status")
                    .asText()).isEqualTo("available");
        });

        // Trend: round 2's after hours is suppressed, without a change; dimensions on the same questions do change;
        // the overall change is left out, since round 2's overall rests on other questions than round 1's.
        JsonNode trend = get(admin, "/api/v1/teams/{id}/trend", sparse);
        JsonNode later = trend.get("rounds").get(1);
        assertThat(later.get("assessmentId").asText()).isEqualTo(second);
        JsonNode trendAfterHours = find(later.get("dimensions"), "key", "after-hours");
        assertThat(trendAfterHours.get("status").asText()).isEqualTo("suppressed");
        assertThat(trendAfterHours.has("score")).isFalse();
        assertThat(trendAfterHours.has("change")).isFalse();
        assertThat(find(later.get("dimensions"), "key", "meeting-load").get("change").asDouble()).isEqualTo(0.0);
        assertThat(later.get("score").asDouble()).isEqualTo(45.7);
        assertThat(later.has("change")).isFalse();
        assertThat(find(trend.get("rounds").get(0).get("dimensions"), "key", "after-hours").get("score").asDouble())
                .isEqualTo(75.0);

        // Feed, NDJSON and CSV: the same rows; the suppressed figures are absent (empty in CSV), their counts shown.
        List<JsonNode> feed = ScoresExportTest.feed(hr, Map.of("teamId", sparse));
        assertThat(feed).hasSize(16);
        JsonNode row = feed.stream().filter(r -> r.get("assessmentId").asText().equals(second)
                && r.get("dimension").asText().equals("after-hours")).findFirst().orElseThrow();
        assertThat(row.get("status").asText()).isEqualTo("suppressed");
        assertThat(row.get("metric").asText()).isEqualTo("respond-after-hours");
        assertThat(row.get("metricStatus").asText()).isEqualTo("suppressed");
        assertThat(row.get("answered").asInt()).isZero();
        for (String figure : List.of("score", "level", "levelName", "value")) {
            assertThat(row.has(figure)).as(figure).isFalse();
        }
        JsonNode earlier = feed.stream().filter(r -> r.get("assessmentId").asText().equals(first)
                && r.get("dimension").asText().equals("after-hours")).findFirst().orElseThrow();
        assertThat(earlier.get("status").asText()).isEqualTo("available");
        assertThat(earlier.get("score").asDouble()).isEqualTo(75.0);
        assertThat(earlier.get("value").asDouble()).isEqualTo(0.0);
        assertThat(ScoresExportTest.ndjson(hr, Map.of("teamId", sparse))).containsExactlyElementsOf(feed);
        List<Map<String, String>> csv = ScoresExportTest.csv(hr, Map.of("teamId", sparse));
        assertThat(csv).containsExactlyElementsOf(feed.stream().map(ScoresExportTest::asCsv).toList());
        assertThat(csv).filteredOn(r -> r.get("assessmentId").equals(second) && r.get("dimension").equals("after-hours"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("score")).isEmpty();
                    assertThat(r.get("level")).isEmpty();
                    assertThat(r.get("value")).isEmpty();
                    assertThat(r.get("metricStatus")).isEqualTo("suppressed");
                });

        // Rollup: each team by its latest round. After hours and the pressured share pool the full team alone: the
        // sparse team's three "feel-pressured" answers (which would make it 3 of 8, 37.5 %) are in no figure.
        JsonNode fullProfile = get(hr, "/api/v1/assessments/{id}/profile", fullRound);
        JsonNode org = get(hr, "/api/v1/organization/profile");
        assertThat(org.get("status").asText()).isEqualTo("available");
        assertThat(org.get("teams").get("included").asInt()).isEqualTo(2);
        JsonNode orgAfterHours = find(org.get("dimensions"), "key", "after-hours");
        assertThat(orgAfterHours.get("teams").asInt()).isEqualTo(1);
        assertThat(orgAfterHours.get("respondents").asInt()).isEqualTo(5);
        assertThat(orgAfterHours.get("score").asDouble())
                .isEqualTo(find(fullProfile.get("dimensions"), "key", "after-hours").get("score").asDouble());
        JsonNode pressured = find(orgAfterHours.get("metrics"), "key", "after-hours-pressured");
        assertThat(pressured.get("status").asText()).isEqualTo("available");
        assertThat(pressured.get("answered").asInt()).isEqualTo(5);
        assertThat(pressured.get("teams").asInt()).isEqualTo(1);
        assertThat(pressured.get("value").asDouble()).isEqualTo(0.0);
        // The overall score weighs each team's published overall score by its respondents.
        assertThat(org.get("score").asDouble()).isCloseTo(
                (fullProfile.get("score").asDouble() * 5 + two.get("score").asDouble() * 6) / 11, within(0.051));

        // Webhooks carry counts and a link, never a figure.
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/hooks").size() >= 6);
        Set<String> allowed = Set.of("assessmentId", "teamId", "round", "closedAt", "respondents", "anonymityThreshold",
                "profileStatus", "profile");
        assertThat(receiver.received("/hooks")).allSatisfy(message -> {
            JsonNode data = JSON.readTree(message.body()).get("data");
            data.fieldNames().forEachRemaining(field -> assertThat(allowed).as(message.body()).contains(field));
        });
    }
}
