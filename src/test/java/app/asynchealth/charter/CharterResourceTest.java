package app.asynchealth.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CharterResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHARTER = "/api/v1/teams/{team}/charter";
    static final String PROBLEM = "application/problem+json";

    String tenant;
    String admin;
    String team;
    String lead;
    String member;
    String hr;

    @BeforeEach
    void aTeamWithALeadAndAMember() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Payments");
        Api.newMember(tenant, team, Map.of("subject", "lee", "role", "lead", "email", "lee@example.com"));
        Api.newMember(tenant, team, Map.of("subject", "mo", "email", "mo@example.com"));
        lead = Tokens.as(tenant, "lee", Roles.TEAM_LEAD);
        member = Tokens.as(tenant, "mo", Roles.MEMBER);
        hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
    }

    /** A charter that states every norm the coverage checks, with a pipe and a line break in the team's text. */
    static String full(String summary) {
        return json(map("summary", summary,
                "channels", List.of(
                        map("key", "chat", "name", "Slack #payments | urgent", "purpose",
                                "Quick questions\nnothing that needs a decision", "responseExpectations", List.of(
                                        map("urgency", "urgent", "within", "PT1H"),
                                        map("urgency", "normal", "within", "PT4H", "workingHoursOnly", true))),
                        map("key", "docs", "name", "Confluence PAY", "purpose", "Proposals and decisions",
                                "responseExpectations", List.of(map("urgency", "normal", "within", "PT48H")))),
                "afterHours", map("timeZones", List.of("Europe/Berlin", "America/New_York"),
                        "workingHours", map("start", "09:00", "end", "17:30"),
                        "quietHours", map("start", "20:00", "end", "08:00"), "replies", "urgent-only"),
                "meetings", map("justifiedWhen", List.of("A decision needs discussion"), "agendaRequired", true,
                        "statusUpdatesAsync", true, "meetingFreeBlocks",
                        List.of(map("days", List.of("WEDNESDAY"), "start", "09:00", "end", "17:00"))),
                "focus", map("protectedHoursPerWeek", 12.5, "policy", "Do not disturb, notifications off"),
                "knowledge", map("decisions", "Decision log in Confluence", "documentation", "Confluence space PAY")));
    }

    /** A map that keeps its order, so that the JSON text is predictable for the bad-input edits. */
    static Map<String, Object> map(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int versionCount() {
        return Api.as(admin).get(CHARTER + "/versions", team).then().statusCode(200).extract().jsonPath()
                .getList("items").size();
    }

    @Test
    void theLeadWritesMembersReadAndAChangeNeedsTheCurrentETag() {
        Api.as(member).get(CHARTER, team).then().statusCode(404).contentType(PROBLEM);
        Api.as(lead).body(full("First")).put(CHARTER, team).then().statusCode(201)
                .header("Location", endsWith("/api/v1/teams/" + team + "/charter/versions/1"))
                .header("Content-Location", endsWith("/charter/versions/1")).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("teamId", equalTo(team)).body("author", equalTo("lee"))
                .body("content.summary", equalTo("First")).body("coverage.score", equalTo(100));
        Api.as(member).get(CHARTER, team).then().statusCode(200).header("ETag", "\"1\"")
                .body("content.channels[0].name", equalTo("Slack #payments | urgent"))
                .body("content.afterHours.replies", equalTo("urgent-only"));
        Api.as(hr).get(CHARTER, team).then().statusCode(200);

        // A change without If-Match, or with one that proves no read, is refused: it could overwrite unseen work.
        Api.as(lead).body(full("Second")).put(CHARTER, team).then().statusCode(428).contentType(PROBLEM)
                .body("type", equalTo("urn:async-health:problem:precondition-required"));
        Api.as(lead).header("If-Match", "*").body(full("Second")).put(CHARTER, team).then().statusCode(428);
        Api.as(lead).header("If-None-Match", "*").body(full("Second")).put(CHARTER, team).then().statusCode(412);
        Api.as(lead).header("If-Match", "\"1\"").body(full("Second")).put(CHARTER, team).then().statusCode(200)
                .header("Location", nullValue()).header("Content-Location", endsWith("/charter/versions/2"))
                .header("ETag", "\"2\"").body("version", equalTo(2)).body("content.summary", equalTo("Second"));

        // The stale ETag now fails, and changes nothing.
        Api.as(admin).header("If-Match", "\"1\"").body(full("Third")).put(CHARTER, team).then().statusCode(412)
                .contentType(PROBLEM);
        Api.as(member).get(CHARTER, team).then().statusCode(200).header("ETag", "\"2\"")
                .body("content.summary", equalTo("Second"));

        // The earlier version is kept as it was.
        Api.as(member).get(CHARTER + "/versions/{v}", team, 1).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1)).body("content.summary", equalTo("First"));
        Api.as(member).get(CHARTER + "/versions/{v}", team, 3).then().statusCode(404).contentType(PROBLEM);
        Api.as(hr).get(CHARTER + "/versions", team).then().statusCode(200).body("items.version", equalTo(List.of(2, 1)))
                .body("items[0].author", equalTo("lee")).body("items[0].coverageScore", equalTo(100))
                .body("nextCursor", nullValue());
        var first = Api.as(member).queryParam("limit", 1).get(CHARTER + "/versions", team).then().statusCode(200)
                .body("items.version", equalTo(List.of(2))).extract();
        Api.as(member).queryParam("limit", 1).queryParam("cursor", first.<String>path("nextCursor"))
                .get(CHARTER + "/versions", team).then().statusCode(200).body("items.version", equalTo(List.of(1)))
                .body("nextCursor", nullValue());
        // A cursor of this team's versions is not one of another team's.
        String other = Api.newTeam(tenant, "Other");
        Api.as(admin).queryParam("cursor", first.<String>path("nextCursor")).get(CHARTER + "/versions", other).then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theFirstVersionTakesNoIfMatchButMayAskForNoneYet() {
        Api.as(admin).header("If-Match", "\"1\"").body("{}").put(CHARTER, team).then().statusCode(412);
        Api.as(admin).get(CHARTER, team).then().statusCode(404);
        Api.as(admin).header("If-None-Match", "*").body("{}").put(CHARTER, team).then().statusCode(201)
                .body("version", equalTo(1)).body("coverage.score", equalTo(0));
    }

    @Test
    void onlyTheTeamsLeadOrATenantAdminWritesAndOnlyThoseWhoSeeTheTeamRead() {
        Api.as(member).body(full("Mine")).put(CHARTER, team).then().statusCode(403).contentType(PROBLEM);
        Api.as(hr).body(full("Mine")).put(CHARTER, team).then().statusCode(403);
        Api.as(admin).get(CHARTER, team).then().statusCode(404);

        // The lead of another team who is a plain member here manages nothing here; one who is not in it sees nothing.
        String otherTeam = Api.newTeam(tenant, "Other");
        Api.newMember(tenant, otherTeam, Map.of("subject", "olga", "role", "lead", "email", "olga@example.com"));
        Api.newMember(tenant, team, Map.of("subject", "olga", "email", "olga@example.com"));
        Api.newMember(tenant, otherTeam, Map.of("subject", "otto", "role", "lead", "email", "otto@example.com"));
        Api.as(Tokens.as(tenant, "olga", Roles.TEAM_LEAD)).body(full("Theirs")).put(CHARTER, team).then()
                .statusCode(403);
        Api.as(Tokens.as(tenant, "otto", Roles.TEAM_LEAD)).body(full("Theirs")).put(CHARTER, team).then()
                .statusCode(404);
        Api.as(admin).get(CHARTER, team).then().statusCode(404);

        Api.as(admin).body(full("Admin's")).put(CHARTER, team).then().statusCode(201).body("author",
                equalTo("admin-of-" + tenant));
        Api.as(Tokens.as(tenant, "otto", Roles.TEAM_LEAD)).get(CHARTER, team).then().statusCode(404);
        Api.as(Tokens.as(tenant, "stranger", Roles.MEMBER)).get(CHARTER + "/versions", team).then().statusCode(404);
        Api.as(Tokens.as(tenant, "stranger", Roles.MEMBER)).get(CHARTER + "/coverage", team).then().statusCode(404);
        Api.as(Tokens.as(tenant, "olga", Roles.MEMBER)).get(CHARTER + "/versions/{v}", team, 1).then().statusCode(200);
    }

    @Test
    void anotherTenantFindsNothingAndChangesNothing() {
        Api.as(lead).body(full("Ours")).put(CHARTER, team).then().statusCode(201);
        String intruder = Tokens.tenantAdmin(Api.newTenant());
        Api.as(intruder).get(CHARTER, team).then().statusCode(404).contentType(PROBLEM);
        Api.as(intruder).accept("text/markdown").get(CHARTER, team).then().statusCode(404);
        Api.as(intruder).get(CHARTER + "/versions", team).then().statusCode(404);
        Api.as(intruder).get(CHARTER + "/versions/{v}", team, 1).then().statusCode(404);
        Api.as(intruder).get(CHARTER + "/coverage", team).then().statusCode(404);
        Api.as(intruder).body(full("Theirs")).put(CHARTER, team).then().statusCode(404);
        Api.as(intruder).header("If-Match", "\"1\"").body(full("Theirs")).put(CHARTER, team).then().statusCode(404);
        Api.as(member).get(CHARTER, team).then().statusCode(200).header("ETag", "\"1\"")
                .body("content.summary", equalTo("Ours"));
        assertThat(versionCount()).isEqualTo(1);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        Api.as(lead).body(full("Valid")).put(CHARTER, team).then().statusCode(201);
        String valid = full("Changed");
        Map<String, String> cases = Map.of(
                "channels[1].key", valid.replace("\"key\":\"docs\"", "\"key\":\"chat\""),
                "afterHours.timeZones[1]", valid.replace("America/New_York", "Mars/Olympus"),
                "channels[0].responseExpectations[0].within", valid.replace("\"PT1H\"", "\"PT0M\""),
                "channels[0].responseExpectations[1].urgency", valid.replace("\"urgency\":\"normal\",\"within\":\"PT4H\"",
                        "\"urgency\":\"urgent\",\"within\":\"PT4H\""),
                "afterHours.quietHours", valid.replace("\"start\":\"20:00\",\"end\":\"08:00\"",
                        "\"start\":\"20:00\",\"end\":\"20:00\""),
                "meetings.meetingFreeBlocks[0].end", valid.replace("\"start\":\"09:00\",\"end\":\"17:00\"",
                        "\"start\":\"17:00\",\"end\":\"09:00\""),
                "colour", valid.replace("{\"summary\"", "{\"colour\":\"blue\",\"summary\""),
                "summary", valid.replace("\"summary\":\"Changed\"", "\"summary\":null"),
                "channels[0].responseExpectations[0].urgency", valid.replace("\"urgency\":\"urgent\"", "\"urgency\":\"asap\""));
        cases.forEach((field, body) -> {
            assertThat(body).as(field).isNotEqualTo(valid);
            var response = Api.as(lead).header("If-Match", "\"1\"").body(body).put(CHARTER, team).then().extract();
            assertThat(response.statusCode()).as(field + ": " + response.asString()).isEqualTo(400);
            assertThat(response.contentType()).as(field).startsWith(PROBLEM);
            assertThat(response.jsonPath().getList("errors.field", String.class)).as(field).contains(field);
        });
        Api.as(lead).header("If-Match", "\"1\"").body("").put(CHARTER, team).then().statusCode(400);
        Api.as(member).get(CHARTER, team).then().statusCode(200).header("ETag", "\"1\"")
                .body("content.summary", equalTo("Valid"));
        assertThat(versionCount()).isEqualTo(1);
    }

    @Test
    void simultaneousChangesFromTheSameVersionMakeOneNewVersionAndTheRestGet412() throws Exception {
        Api.as(lead).body(full("First")).put(CHARTER, team).then().statusCode(201);
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String summary = "Writer " + i;
                String writer = i % 2 == 0 ? lead : admin;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return Api.as(writer).header("If-Match", "\"1\"").body(full(summary))
                            .put(CHARTER, team).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(seen).containsOnly(200, 412).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        Api.as(member).get(CHARTER + "/versions", team).then().statusCode(200).body("items.version",
                equalTo(List.of(2, 1)));
    }

    @Test
    void theMarkdownRenderingShowsChannelsAndResponseTimesWithTheTeamsTextEscaped() {
        Api.as(lead).body(full("How we work")).put(CHARTER, team).then().statusCode(201);
        String markdown = Api.as(member).accept("text/markdown").get(CHARTER, team).then().statusCode(200)
                .contentType(containsString("text/markdown")).header("Content-Location", endsWith("/charter/versions/1"))
                .extract().asString();
        assertThat(markdown).startsWith("# Communication charter: Payments\n")
                .contains("## Channels and response times", "## After hours", "## Meetings", "## Focus time",
                        "## Where decisions and documentation live")
                .contains("| Slack #payments \\| urgent | Quick questions<br>nothing that needs a decision | within 1 h | within 4 h | – |")
                .contains("| Confluence PAY | Proposals and decisions | – | within 48 h | – |")
                .contains("Europe/Berlin, America/New_York", "Working hours: 09:00–17:30", "Meeting-free: Wed 09:00–17:00")
                .contains("12.5 hours per week", "Decisions: Decision log in Confluence")
                .containsPattern("_Version 1, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\._\n$")
                .doesNotContain("\"channels\"");
        Api.as(hr).accept("text/markdown").get(CHARTER + "/versions/{v}", team, 1).then().statusCode(200)
                .contentType(containsString("text/markdown")).body(containsString("within 48 h"));
        // JSON stays the default, and a type neither representation is gets 406.
        Api.as(member).accept("*/*").get(CHARTER, team).then().statusCode(200).contentType(containsString("application/json"));
        Api.as(member).accept("text/csv").get(CHARTER, team).then().statusCode(406).contentType(PROBLEM);
    }

    @Test
    void coverageNamesWhatTheLatestVersionLacksBesideTheReportsFigures() {
        Api.as(lead).body("{}").put(CHARTER, team).then().statusCode(201).body("coverage.score", equalTo(0));
        Api.as(member).get(CHARTER + "/coverage", team).then().statusCode(200).header("ETag", "\"1\"")
                .body("score", equalTo(0)).body("areas", hasSize(5)).body("areas.covered", not(hasItem(true)))
                .body("areas.missing.flatten().key", hasItem("urgent-path"))
                .body("reportFigures.key", equalTo(List.of("no-documented-guide", "high-performers-documented-guidelines")))
                .body("reportFigures[0].value", equalTo(57.9f)).body("reportFigures[0].unit", equalTo("percent"))
                .body("reportFigures[0].quote", equalTo("57.9% say their organization has no documented communication guide."))
                .body("reportFigures[1].value", equalTo(2.7f)).body("reportFigures[1].unit", equalTo("ratio"));

        Api.as(lead).header("If-Match", "\"1\"").body(full("All")).put(CHARTER, team).then().statusCode(200)
                .body("coverage.score", equalTo(100));
        String withoutQuietHours = full("All").replace(",\"quietHours\":{\"start\":\"20:00\",\"end\":\"08:00\"}", "")
                .replace("\"quietHours\":{\"start\":\"20:00\",\"end\":\"08:00\"},", "");
        assertThat(withoutQuietHours).doesNotContain("quietHours");
        Api.as(lead).header("If-Match", "\"2\"").body(withoutQuietHours).put(CHARTER, team).then().statusCode(200);
        Api.as(member).get(CHARTER + "/coverage", team).then().statusCode(200).header("ETag", "\"3\"")
                .body("score", equalTo(95))
                .body("areas.find { it.key == 'after-hours' }.covered", equalTo(false))
                .body("areas.find { it.key == 'after-hours' }.missing.key", equalTo(List.of("quiet-hours")))
                .body("areas.find { it.key == 'meetings' }.covered", equalTo(true));
        Api.as(member).get(CHARTER + "/versions", team).then().body("items.coverageScore", equalTo(List.of(95, 100, 0)));
    }

    @Test
    void aSubscribedEndpointHearsOfEachNewVersionWithoutItsContent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.as(admin).body(Map.of("url", receiver.url("/charters"), "events", List.of("charter.changed")))
                    .post("/api/v1/webhooks").then().statusCode(201);
            Api.as(lead).body(full("Secret plans")).put(CHARTER, team).then().statusCode(201);
            Api.as(lead).header("If-Match", "\"1\"").body("{}").put(CHARTER, team).then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/charters").size() >= 2);
            List<JsonNode> bodies = receiver.received("/charters").stream().map(request -> {
                try {
                    return JSON.readTree(request.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sorted((x, y) -> Integer.compare(x.at("/data/version").asInt(), y.at("/data/version").asInt())).toList();
            assertThat(bodies).hasSize(2);
            JsonNode first = bodies.get(0);
            assertThat(first.get("type").asText()).isEqualTo("charter.changed");
            assertThat(first.at("/data/tenantId").asText()).isEqualTo(tenant);
            assertThat(first.at("/data/teamId").asText()).isEqualTo(team);
            assertThat(first.at("/data/version").asInt()).isEqualTo(1);
            assertThat(first.at("/data/author").asText()).isEqualTo("lee");
            assertThat(first.at("/data/coverageScore").asInt()).isEqualTo(100);
            assertThat(first.at("/data/createdAt").asText()).isNotBlank();
            assertThat(first.at("/data/charter").asText()).isEqualTo("/api/v1/teams/" + team + "/charter/versions/1");
            assertThat(bodies.get(1).at("/data/version").asInt()).isEqualTo(2);
            assertThat(bodies.get(1).at("/data/coverageScore").asInt()).isZero();
            assertThat(receiver.received("/charters")).allSatisfy(request -> assertThat(request.body())
                    .doesNotContain("Secret plans").doesNotContain("channels"));
        }
    }
}
