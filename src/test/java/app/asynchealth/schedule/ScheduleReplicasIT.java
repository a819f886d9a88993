package app.asynchealth.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.persistence.EmbeddedDatabase;
import app.asynchealth.support.Mailbox;
import app.asynchealth.support.PackagedService;
import app.asynchealth.support.ReplicaPair;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Two replicas of the packaged service on one PostgreSQL ({@link ReplicaPair}), each running its own scheduled tick
 * every second with the real clock: a due round of a team's schedule is created once, opened once and each member
 * invited once, whichever replica gets to it, while the other ticks beside it.
 */
class ScheduleReplicasIT {

    static final int MEMBERS = 4;
    static final Duration WINDOW = Duration.ofDays(3);

    static ReplicaPair pair;

    @BeforeAll
    static void replicas() {
        pair = ReplicaPair.get();
    }

    static RequestSpecification on(PackagedService replica, String token) {
        return given().baseUri(replica.baseUri().toString()).auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String bootstrap(Map<String, String> request) {
        return given().baseUri(pair.first.baseUri().toString()).contentType(ContentType.JSON).body(request)
                .post("/api/v1/bootstrap/tokens").then().statusCode(200).extract().path("accessToken");
    }

    @Test
    void aDueRoundIsCreatedAndItsMembersInvitedOnceWhileBothReplicasTick() throws Exception {
        String tenant = "rhythm-" + UUID.randomUUID().toString().substring(0, 8);
        on(pair.first, bootstrap(Map.of("role", "platform-admin"))).body(Map.of("id", tenant, "name", "Rhythm"))
                .post("/api/v1/tenants").then().statusCode(201);
        String admin = bootstrap(Map.of("role", "tenant-admin", "tenant", tenant, "subject", "admin"));
        String team = on(pair.first, admin).body(Map.of("name", "Replicated rhythm")).post("/api/v1/teams").then()
                .statusCode(201).extract().path("id");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String address = "member" + i + "-" + tenant + "@example.com";
            addresses.add(address);
            on(i % 2 == 0 ? pair.first : pair.second, admin).body(Map.of("email", address))
                    .post("/api/v1/teams/{id}/members", team).then().statusCode(201);
        }

        // Today's occurrence started ten minutes ago, so the API plans next week's (rounds before now are not created).
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
        String planned = on(pair.second, admin).body(Map.of("cadence", "weekly", "intervalWeeks", 1,
                "startsOn", start.toLocalDate().toString(), "timeOfDay", start.format(DateTimeFormatter.ofPattern("HH:mm")),
                "timeZone", "UTC", "answerWindow", "P3D", "reminders", List.of("P1D")))
                .put("/api/v1/teams/{id}/schedule", team).then().statusCode(201).extract().path("nextRoundAt");
        assertThat(planned).isEqualTo(start.plusWeeks(1).toInstant().toString());

        Metrics before = Metrics.read();
        // As after downtime over today's start: the schedule is due with today's occurrence, whose window is open.
        try (Connection database = superuser(); PreparedStatement due = database.prepareStatement(
                "UPDATE team_schedule SET next_round_at = ? WHERE tenant_id = ? AND team_id = ?::uuid")) {
            due.setObject(1, start.toOffsetDateTime());
            due.setString(2, tenant);
            due.setString(3, team);
            assertThat(due.executeUpdate()).isEqualTo(1);
        }
        Metrics due = Metrics.read();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> addresses.stream()
                .allMatch(address -> !Mailbox.invitations(pair.mail, address).isEmpty()));
        // Each replica runs two more ticks, so at least one whole tick of each began after the round was due: a
        // replica that would create or invite the round again has had its chance.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Metrics now = Metrics.read();
            return now.ticksFirst() >= due.ticksFirst() + 2 && now.ticksSecond() >= due.ticksSecond() + 2;
        });

        List<Object[]> rounds = rounds(tenant);
        assertThat(rounds).hasSize(1);
        assertThat(((Timestamp) rounds.get(0)[0]).toInstant()).isEqualTo(start.toInstant());
        assertThat(rounds.get(0)[1]).as("invited_at").isNotNull();
        String assessment = rounds.get(0)[2].toString();
        for (PackagedService replica : List.of(pair.first, pair.second)) {
            List<Map<String, Object>> listed = on(replica, admin).queryParam("teamId", team)
                    .get("/api/v1/assessments").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0)).containsEntry("id", assessment).containsEntry("status", "open")
                    .containsEntry("opensAt", start.toInstant().toString())
                    .containsEntry("closesAt", start.plus(WINDOW).toInstant().toString());
        }
        assertThat(on(pair.first, admin).queryParam("limit", 50)
                .get("/api/v1/assessments/{id}/invitations", assessment).then().statusCode(200).extract().jsonPath()
                .getList("items")).hasSize(MEMBERS);
        for (String address : addresses) {
            assertThat(Mailbox.invitations(pair.mail, address)).as(address).hasSize(1);
        }
        on(pair.second, admin).get("/api/v1/teams/{id}/schedule", team).then().statusCode(200)
                .body("nextRoundAt", equalTo(start.plusWeeks(1).toInstant().toString()))
                .body("lastAssessmentId", equalTo(assessment));

        // What the replicas' own counters say: one round and one mail per member between them, and both ticked.
        Metrics after = Metrics.read();
        System.out.printf("schedule ticks while due: replica A %.0f, replica B %.0f; rounds created: A %.0f, B %.0f%n",
                after.ticksFirst() - due.ticksFirst(), after.ticksSecond() - due.ticksSecond(),
                after.roundsFirst() - before.roundsFirst(), after.roundsSecond() - before.roundsSecond());
        assertThat(after.rounds() - before.rounds()).as("rounds created by both replicas").isEqualTo(1);
        assertThat(after.invitations() - before.invitations()).as("invitations mailed by both replicas")
                .isEqualTo(MEMBERS);
        assertThat(after.ticksFirst()).as("ticks of replica A").isGreaterThan(due.ticksFirst());
        assertThat(after.ticksSecond()).as("ticks of replica B").isGreaterThan(due.ticksSecond());
    }

    /** The tenant's schedule_round rows (below row-level security): starts_at, invited_at, assessment_id. */
    static List<Object[]> rounds(String tenant) throws SQLException {
        try (Connection database = superuser(); PreparedStatement query = database.prepareStatement(
                "SELECT starts_at, invited_at, assessment_id FROM schedule_round WHERE tenant_id = ?")) {
            query.setString(1, tenant);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Object[] { result.getTimestamp(1), result.getTimestamp(2), result.getObject(3) });
                }
            }
            return rows;
        }
    }

    static Connection superuser() throws SQLException {
        EmbeddedDatabase database = pair.database.database();
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.password());
    }

    /** The schedule counters of both replicas, from their Prometheus endpoints. */
    record Metrics(double ticksFirst, double ticksSecond, double roundsFirst, double roundsSecond,
            double invitationsFirst, double invitationsSecond) {

        static Metrics read() {
            String first = scrape(pair.first);
            String second = scrape(pair.second);
            return new Metrics(sum(first, "async_health_schedule_tick_seconds_count", null),
                    sum(second, "async_health_schedule_tick_seconds_count", null),
                    sum(first, "async_health_schedule_work_total", "kind=\"round\""),
                    sum(second, "async_health_schedule_work_total", "kind=\"round\""),
                    sum(first, "async_health_schedule_work_total", "kind=\"invitation\""),
                    sum(second, "async_health_schedule_work_total", "kind=\"invitation\""));
        }

        double rounds() {
            return roundsFirst + roundsSecond;
        }

        double invitations() {
            return invitationsFirst + invitationsSecond;
        }

        private static String scrape(PackagedService replica) {
            return given().baseUri(replica.baseUri().toString()).get("/q/metrics").then().statusCode(200).extract()
                    .asString();
        }

        /** The values of the metric's samples that carry this label (any, when null); 0 before its first sample. */
        private static double sum(String metrics, String name, String label) {
            return metrics.lines()
                    .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .filter(line -> label == null || line.contains(label))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
    }
}
