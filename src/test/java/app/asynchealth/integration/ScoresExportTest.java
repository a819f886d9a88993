package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ScoresExportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> COLUMNS = List.of("assessmentId", "teamId", "round", "closedAt", "dimension", "status",
            "respondents", "anonymityThreshold", "score", "level", "levelName", "metric", "metricStatus", "answered",
            "value", "benchmarkKey", "benchmarkValue", "benchmarkUnit", "benchmarkPopulation");
    static final List<String> VALUES = List.of("score", "level", "levelName", "metric", "metricStatus", "answered",
            "value", "benchmarkKey", "benchmarkValue", "benchmarkUnit", "benchmarkPopulation");

    @Inject
    @CacheName("closed-profiles")
    Cache closedProfiles;

    String tenant;
    String hr;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
    }

    /** A closed assessment of a new team of {@code tenant}, answered by {@code respondents} members. */
    static String closedAssessment(String tenant, String teamName, int respondents) {
        return Api.closedRound(tenant, Api.newTeam(tenant, teamName), teamName, respondents,
                ProfileResourceTest.answers(8, "often"));
    }

    static RequestSpecification export(String token, String accept) {
        return Api.as(token).accept(accept);
    }

    /** Every row of the JSON feed, page after page, with the given filters. */
    static List<JsonNode> feed(String token, Map<String, String> filters) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = Api.as(token).queryParams(filters).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode page = JSON.readTree(request.get("/api/v1/scores").then().statusCode(200).extract().asString());
            page.get("items").forEach(rows::add);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return rows;
    }

    static List<JsonNode> ndjson(String token, Map<String, String> filters) throws IOException {
        String body = export(token, ScoresExport.NDJSON).queryParams(filters).get("/api/v1/scores/export").then()
                .statusCode(200).contentType(ScoresExport.NDJSON)
                .header("Content-Disposition", equalTo("attachment; filename=\"scores.ndjson\"")).extract().asString();
        assertThat(body.isEmpty() || body.endsWith("\n")).as("every line ends with a newline").isTrue();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                assertThat(line).as("one object per line, nothing around it").startsWith("{").endsWith("}");
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    static List<Map<String, String>> csv(String token, Map<String, String> filters) throws IOException {
        String body = export(token, ScoresExport.CSV).queryParams(filters).get("/api/v1/scores/export").then()
                .statusCode(200).contentType(startsWith(ScoresExport.CSV))
                .header("Content-Disposition", equalTo("attachment; filename=\"scores.csv\"")).extract().asString();
        assertThat(body.lines().findFirst()).hasValue(String.join(",", COLUMNS));
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            lines.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** A feed row as the CSV shows it: every column, the text of its value, empty when the feed leaves it out. */
    static Map<String, String> asCsv(JsonNode row) {
        Map<String, String> columns = new LinkedHashMap<>();
        COLUMNS.forEach(column -> columns.put(column, row.hasNonNull(column) ? row.get(column).asText() : ""));
        for (Iterator<String> names = row.fieldNames(); names.hasNext();) {
            assertThat(COLUMNS).contains(names.next());
        }
        return columns;
    }

    @Test
    void csvAndNdjsonHoldExactlyTheFeedsRowsInItsOrder() throws IOException {
        String visible = closedAssessment(tenant, "visible", 5);
        String small = closedAssessment(tenant, "small", 2);
        List<JsonNode> feed = feed(hr, Map.of());
        assertThat(feed).hasSize(16);

        List<JsonNode> ndjson = ndjson(hr, Map.of());
        assertThat(ndjson).containsExactlyElementsOf(feed);
        List<Map<String, String>> csv = csv(hr, Map.of());
        assertThat(csv).containsExactlyElementsOf(feed.stream().map(ScoresExportTest::asCsv).toList());

        assertThat(ndjson).filteredOn(row -> row.get("assessmentId").asText().equals(visible)).hasSize(8)
                .allSatisfy(row -> assertThat(row.get("status").asText()).isEqualTo("available"))
                .anySatisfy(row -> assertThat(row.get("score")).isNotNull());
        // Suppressed rows are there, say so, and carry no value: absent in NDJSON, empty in CSV.
        assertThat(ndjson).filteredOn(row -> row.get("assessmentId").asText().equals(small)).hasSize(8)
                .allSatisfy(row -> {
                    assertThat(row.get("status").asText()).isEqualTo("suppressed");
                    assertThat(row.get("respondents").asInt()).isEqualTo(2);
                    VALUES.forEach(value -> assertThat(row.has(value)).as(value).isFalse());
                });
        assertThat(csv).filteredOn(row -> row.get("assessmentId").equals(small)).hasSize(8)
                .allSatisfy(row -> VALUES.forEach(value -> assertThat(row.get(value)).as(value).isEmpty()));
        assertThat(csv).filteredOn(row -> row.get("assessmentId").equals(visible))
                .allSatisfy(row -> assertThat(row.get("score")).isNotEmpty());
    }

    @Test
    void finishedExportsGiveTheirSlotBack() throws IOException {
        closedAssessment(tenant, "again", 5);
        // More downloads, one after the other, than a tenant may run at once (2): each ended one frees its slot.
        for (int i = 0; i < 5; i++) {
            assertThat(ndjson(hr, Map.of())).hasSize(8);
        }
    }

    @Test
    void aFinalProfileThatIsALiveSnapshotIsExportedAsTheFeedShowsIt() throws IOException {
        String admin = Tokens.tenantAdmin(tenant);
        Api.as(admin).body(Map.of("liveProfiles", true)).patch("/api/v1/tenants/{id}", tenant).then().statusCode(200);
        String team = Api.newTeam(tenant, "live");
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        for (int i = 0; i < 6; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "live" + i, "subject", "live" + i));
            Api.as(Tokens.as(tenant, "live" + i, Roles.MEMBER)).body(ProfileResourceTest.answers(i < 5 ? 10 : 0, "often"))
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
            if (i == 4) { // a live snapshot of five; the sixth response is left out of the final profile
                Api.as(admin).get("/api/v1/assessments/{id}/profile", assessment).then().body("status", equalTo("live"));
            }
        }
        Api.as(admin).post("/api/v1/assessments/{id}/close", assessment).then().statusCode(200);
        // Exported before anything reads (and caches) the final profile, so the export computes it itself.
        List<JsonNode> exported = ndjson(hr, Map.of());
        assertThat(exported).hasSize(8).allSatisfy(row -> assertThat(row.get("respondents").asInt()).isEqualTo(5));
        assertThat(exported).containsExactlyElementsOf(feed(hr, Map.of()));
    }

    @Test
    void theExportDoesNotFillTheProfileCache() throws IOException {
        String assessment = closedAssessment(tenant, "uncached", 5);
        assertThat(ndjson(hr, Map.of())).hasSize(8);
        assertThat(cachedProfiles(assessment)).as("cached by the export").isZero();
        // The feed reads in bulk from the stored final profiles too; only the profile itself fills the cache.
        feed(hr, Map.of());
        assertThat(cachedProfiles(assessment)).as("cached by the feed").isZero();
        Api.as(Tokens.tenantAdmin(tenant)).get("/api/v1/assessments/{id}/profile", assessment).then().statusCode(200);
        assertThat(cachedProfiles(assessment)).as("cached by the profile").isOne();
        assertThat(ndjson(hr, Map.of())).containsExactlyElementsOf(feed(hr, Map.of()));
        assertThat(cachedProfiles(assessment)).isOne();
    }

    private long cachedProfiles(String assessment) {
        return closedProfiles.as(CaffeineCache.class).keySet().stream()
                .filter(key -> key.toString().contains(assessment)).count();
    }

    @Test
    void filtersSelectTheSameRowsAsInTheFeed() throws IOException {
        String a = closedAssessment(tenant, "alpha", 5);
        closedAssessment(tenant, "beta", 3);
        String teamOfA = Api.as(hr).get("/api/v1/assessments/{id}", a).then().extract().path("teamId");
        List<Map<String, String>> filterSets = List.of(Map.of("dimension", "deep-focus"), Map.of("teamId", teamOfA),
                Map.of("teamId", teamOfA, "dimension", "meeting-load"),
                Map.of("updatedSince", "2020-01-01T00:00:00Z"),
                Map.of("updatedSince", java.time.Instant.now().plusSeconds(60).toString()));
        for (Map<String, String> filters : filterSets) {
            List<JsonNode> feed = feed(hr, filters);
            assertThat(ndjson(hr, filters)).as("ndjson %s", filters).containsExactlyElementsOf(feed);
            assertThat(csv(hr, filters)).as("csv %s", filters)
                    .containsExactlyElementsOf(feed.stream().map(ScoresExportTest::asCsv).toList());
        }
        assertThat(ndjson(hr, Map.of("dimension", "deep-focus"))).hasSize(2);
        assertThat(ndjson(hr, Map.of("teamId", teamOfA))).hasSize(8)
                .allSatisfy(row -> assertThat(row.get("assessmentId").asText()).isEqualTo(a));
        assertThat(ndjson(hr, Map.of("updatedSince", java.time.Instant.now().plusSeconds(60).toString()))).isEmpty();
        assertThat(csv(hr, Map.of("updatedSince", java.time.Instant.now().plusSeconds(60).toString()))).isEmpty();
    }

    @Test
    void badFiltersAndUnacceptableFormatsAreProblemDetails() {
        closedAssessment(tenant, "one", 5);
        for (String unknown : List.of("sort", "limit", "cursor")) {
            export(hr, ScoresExport.CSV).queryParam(unknown, "1").get("/api/v1/scores/export").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(unknown));
        }
        export(hr, ScoresExport.NDJSON).queryParam("updatedSince", "yesterday").get("/api/v1/scores/export").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("updatedSince"));
        export(hr, ScoresExport.CSV).queryParam("teamId", "nope").get("/api/v1/scores/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("teamId"));
        export(hr, ScoresExport.CSV).queryParam("dimension", "happiness").get("/api/v1/scores/export").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("dimension"));
        for (String accept : List.of("application/json", "text/plain", "application/xml")) {
            export(hr, accept).get("/api/v1/scores/export").then().statusCode(406)
                    .contentType("application/problem+json").body("status", equalTo(406));
        }
    }

    @Test
    void onlyHrAnalystsAndTenantAdminsExport() {
        closedAssessment(tenant, "team", 5);
        export(Tokens.as(tenant, "m", Roles.MEMBER), ScoresExport.CSV).get("/api/v1/scores/export").then()
                .statusCode(403).contentType("application/problem+json");
        export(Tokens.as(tenant, "lead", Roles.TEAM_LEAD), ScoresExport.NDJSON).get("/api/v1/scores/export").then()
                .statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().accept(ScoresExport.CSV).get("/api/v1/scores/export").then().statusCode(401)
                .contentType("application/problem+json");
        export(Tokens.tenantAdmin(tenant), ScoresExport.CSV).get("/api/v1/scores/export").then().statusCode(200);
    }

    @Test
    void anotherTenantsRowsNeverAppear() throws IOException {
        String a = closedAssessment(tenant, "mine", 5);
        String teamOfA = Api.as(hr).get("/api/v1/assessments/{id}", a).then().extract().path("teamId");
        String other = Api.newTenant();
        String b = closedAssessment(other, "theirs", 5);
        String otherHr = Tokens.as(other, "hr", Roles.HR_ANALYST);

        assertThat(ndjson(otherHr, Map.of())).hasSize(8)
                .allSatisfy(row -> assertThat(row.get("assessmentId").asText()).isEqualTo(b));
        assertThat(csv(otherHr, Map.of())).hasSize(8).noneSatisfy(row -> assertThat(row.get("assessmentId")).isEqualTo(a));
        assertThat(ndjson(otherHr, Map.of("teamId", teamOfA))).isEmpty();
        assertThat(csv(otherHr, Map.of("teamId", teamOfA))).isEmpty();
        assertThat(ndjson(hr, Map.of())).hasSize(8)
                .allSatisfy(row -> assertThat(row.get("assessmentId").asText()).isEqualTo(a));
    }

    @Test
    void anIntegrationTokenExports() throws IOException {
        closedAssessment(tenant, "synced", 5);
        String token = Api.as(Tokens.tenantAdmin(tenant)).body(Map.of("name", "Workday sync"))
                .post("/api/v1/integrations/tokens").then().statusCode(201).extract().path("token");
        assertThat(csv(token, Map.of())).hasSize(8);
        assertThat(ndjson(token, Map.of())).containsExactlyElementsOf(feed(hr, Map.of()));
    }
}
