package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.integration.ExportSlots;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.RichTenant;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the served OpenAPI document, called by every kind of caller of tenant B (tenant-admin, team-lead,
 * member, hr-analyst, an integration token, a respondent credential) on tenant A's objects: no answer carries any of
 * A's ids or names, none is a 5xx, and A's data is the same afterwards. An operation added to the API without a place
 * here fails the test, so new routes join the matrix. The same secrets are looked for in every tenant table read by
 * native SQL as tenant B, where row-level security alone decides.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Inject
    AsTenant asTenant;
    @Inject
    EntityManager entityManager;

    @Inject
    ExportSlots exportSlots;

    WebhookReceiver receiver;
    RichTenant a;
    RichTenant b;
    List<ExportSlots.Slot> exports = new ArrayList<>();

    /** Made once, on first use: REST Assured knows the test port only from the first test on. */
    @BeforeEach
    void twoTenants() {
        if (a == null) {
            receiver = new WebhookReceiver();
            a = new RichTenant(receiver);
            b = new RichTenant(receiver);
            // As while an export of each streams: a row of each in export_slot too.
            exports.add(exportSlots.take(a.id));
            exports.add(exportSlots.take(b.id));
        }
    }

    @AfterAll
    void stopReceiver() {
        exports.forEach(ExportSlots.Slot::release);
        if (receiver != null) {
            receiver.close();
        }
    }

    /** The operations of the document the service serves, as "METHOD path". */
    static List<String> operations() throws Exception {
        JsonNode document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    /** Tenant A's object for a path parameter; an unknown parameter fails, so that a new route gets one here. */
    String parameter(String path, String name) {
        return switch (name) {
            case "assessmentId" -> a.openAssessment;
            case "teamId" -> a.team;
            case "memberId" -> a.member;
            case "actionId" -> a.action;
            case "invitationId" -> a.pendingInvitation;
            case "deliveryId" -> a.delivery;
            case "tenantId" -> a.id;
            case "version" -> "1";
            case "key" -> path.startsWith("/api/v1/templates/") ? a.templateKey : "meeting-load";
            case "id" -> {
                if (path.startsWith("/api/v1/assessments/")) {
                    yield a.openAssessment;
                } else if (path.startsWith("/api/v1/teams/")) {
                    yield a.team;
                } else if (path.startsWith("/api/v1/webhooks/")) {
                    yield a.webhook;
                } else if (path.startsWith("/api/v1/integrations/tokens/")) {
                    yield a.integrationTokenId;
                }
                yield fail("no object of tenant A for {id} in " + path);
            }
            default -> fail("no object of tenant A for {" + name + "} in " + path);
        };
    }

    /** A minimal valid body for each write, naming A's objects where the operation takes them; {} otherwise. */
    String body(String operation) {
        Instant now = Instant.now();
        return switch (operation) {
            case "POST /api/v1/assessments" -> json(Map.of("teamId", a.team, "title", "Hijacked",
                    "opensAt", now.plus(Duration.ofDays(1)).toString(), "closesAt", now.plus(Duration.ofDays(8)).toString(),
                    "previousAssessmentId", a.closedAssessment));
            case "PATCH /api/v1/assessments/{id}" -> json(Map.of("title", "Hijacked"));
            case "POST /api/v1/assessments/{assessmentId}/invitations" ->
                json(Map.of("memberIds", List.of(a.member), "delivery", "code"));
            case "POST /api/v1/assessments/{assessmentId}/invitations/{invitationId}/reissue" ->
                json(Map.of("delivery", "code"));
            case "PUT /api/v1/assessments/{assessmentId}/response" -> ProfileResourceTest.answers(1, "never");
            case "POST /api/v1/integrations/tokens" -> json(Map.of("name", "B's token"));
            case "POST /api/v1/invitation-claims" -> json(Map.of("code", "not-a-code"));
            case "POST /api/v1/teams" -> json(Map.of("name", "B's team"));
            case "PATCH /api/v1/teams/{teamId}" -> json(Map.of("name", "Hijacked"));
            case "POST /api/v1/teams/{teamId}/members" -> json(Map.of("email", "intruder@b.example"));
            case "PATCH /api/v1/teams/{teamId}/members/{memberId}" -> json(Map.of("displayName", "Hijacked"));
            case "PUT /api/v1/teams/{teamId}/charter" -> json(Map.of("summary", "Hijacked"));
            case "POST /api/v1/teams/{teamId}/actions" -> json(Map.of("title", "Hijacked",
                    "metric", "often-in-unnecessary-meetings", "ownerMemberId", a.member,
                    "dueDate", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString(),
                    "baselineAssessmentId", a.closedAssessment));
            case "PATCH /api/v1/teams/{teamId}/actions/{actionId}" -> json(Map.of("title", "Hijacked",
                    "status", "dropped"));
            case "POST /api/v1/templates" -> json(Map.of("key", "b-" + now.toEpochMilli(), "title", "B's",
                    "basedOn", Map.of("key", a.templateKey, "version", 1)));
            case "POST /api/v1/tenants" -> json(Map.of("id", "b-" + now.toEpochMilli(), "name", "B's"));
            case "PATCH /api/v1/tenants/{tenantId}" -> json(Map.of("name", "Hijacked", "disabled", true));
            case "POST /api/v1/webhooks" -> json(Map.of("url", receiver.url("/b"), "events", List.of("assessment.closed")));
            case "PATCH /api/v1/webhooks/{id}" -> json(Map.of("enabled", false, "url", receiver.url("/stolen")));
            default -> operation.startsWith("GET ") || operation.startsWith("DELETE ") ? null : "{}";
        };
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What tenant A looks like to itself, through the API and in row counts of every tenant table. */
    Map<String, String> snapshotOfA() {
        Map<String, String> snapshot = new TreeMap<>();
        for (String list : List.of("/api/v1/teams", "/api/v1/teams/" + a.team + "/members",
                "/api/v1/teams/" + a.team + "/actions", "/api/v1/assessments",
                "/api/v1/assessments/" + a.openAssessment + "/invitations", "/api/v1/integrations/tokens",
                "/api/v1/templates", "/api/v1/teams/" + a.team + "/charter/versions")) {
            snapshot.put(list, Api.as(a.admin).queryParam("limit", 200).get(list).then().statusCode(200).extract()
                    .asString());
        }
        for (String single : List.of("/api/v1/assessments/" + a.openAssessment,
                "/api/v1/assessments/" + a.closedAssessment, "/api/v1/tenants/" + a.id, "/api/v1/teams/" + a.team + "/charter")) {
            snapshot.put(single, Api.as(a.admin).get(single).then().statusCode(200).extract().asString());
        }
        // The endpoint's delivery counters move while A's own deliveries go out: compare what B could change.
        var webhook = Api.as(a.admin).get("/api/v1/webhooks/{id}", a.webhook).then().statusCode(200).extract().jsonPath();
        snapshot.put("webhook", webhook.getString("url") + " " + webhook.getString("status") + " "
                + webhook.getList("events") + " " + webhook.getString("description"));
        snapshot.put("response", Api.as(a.respondentCredential).get("/api/v1/assessments/{id}/response", a.openAssessment)
                .then().statusCode(200).extract().asString());
        for (String table : List.of("team", "team_member", "assessment", "invitation", "response", "answer",
                "template_version", "profile_snapshot", "integration_token", "webhook_endpoint", "charter_version", "team_action",
                "team_schedule", "schedule_round", "assessment_reminder", "reminder_seat", "reminder_deferral",
                "profile_publication")) {
            snapshot.put("rows " + table, asTenant.call(a.id, () -> entityManager
                    .createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).toString());
        }
        return snapshot;
    }

    @Test
    void noCallerOfAnotherTenantReachesTenantAsObjectsThroughAnyOperation() throws Exception {
        List<String> operations = operations();
        assertThat(operations).hasSizeGreaterThan(50);
        Map<String, String> before = snapshotOfA();
        List<String> secrets = a.secrets();
        Set<String> exercised = new TreeSet<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> leaks = new ArrayList<>();
        // Deletions last, so that every other operation finds A's objects in place if isolation fails.
        List<String> ordered = new ArrayList<>(operations);
        ordered.sort((x, y) -> Boolean.compare(x.startsWith("DELETE "), y.startsWith("DELETE ")));
        for (String operation : ordered) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            Matcher names = PARAMETER.matcher(template);
            String path = template;
            while (names.find()) {
                path = path.replace(names.group(), parameter(template, names.group(1)));
            }
            for (Map.Entry<String, String> caller : b.credentials().entrySet()) {
                RequestSpecification request = given().auth().oauth2(caller.getValue())
                        .accept(template.endsWith("/export") ? "application/x-ndjson" : "application/json");
                String body = body(operation);
                if (body != null) {
                    request.contentType("application/json").body(body);
                }
                Response response = request.request(method, path);
                int status = response.statusCode();
                statuses.merge(status / 100 + "xx", 1, Integer::sum);
                String text = response.asString();
                String where = operation + " as " + caller.getKey() + " of B: " + status;
                assertThat(status).as(where + " " + text).isLessThan(500);
                if (status < 300) {
                    secrets.stream().filter(text::contains).forEach(secret -> leaks.add(where + " carries " + secret));
                }
                exercised.add(operation);
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(exercised).as("every operation of the document was called")
                .containsExactlyInAnyOrderElementsOf(operations);
        assertThat(snapshotOfA()).isEqualTo(before);
        System.out.printf("isolation matrix: %d operations x %d callers of another tenant, statuses %s%n",
                operations.size(), b.credentials().size(), statuses);
    }

    @Test
    void rowLevelSecurityAloneShowsTenantBNoneOfTenantAsValues() {
        List<String> tables = asTenant.call(b.id, () -> entityManager.createNativeQuery("""
                SELECT DISTINCT table_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1""")
                .getResultList().stream().map(String.class::cast).toList());
        assertThat(tables).hasSizeGreaterThan(10);
        List<String> secrets = a.secrets();
        Map<String, Long> rowsSeen = new LinkedHashMap<>();
        for (String table : tables) {
            // Whole rows as text, no tenant filter of anyone's but the policies'.
            List<String> rows = asTenant.call(b.id, () -> entityManager
                    .createNativeQuery("SELECT t::text FROM " + table + " t").getResultList().stream()
                    .map(String.class::cast).toList());
            rowsSeen.put(table, (long) rows.size());
            assertThat(rows).as("rows of %s seen by B", table).isNotEmpty()
                    .allSatisfy(row -> assertThat(secrets).noneSatisfy(secret -> assertThat(row).contains(secret)));
        }
        System.out.printf("row-level security alone: B read %s rows, none of A's%n", rowsSeen);
    }
}
