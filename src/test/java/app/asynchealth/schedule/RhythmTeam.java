package app.asynchealth.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.RefusingMailServer;
import app.asynchealth.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A tenant of its own with one team: a lead and two members with e-mail addresses (unique to the tenant, so that the
 * shared mail server's messages can be told apart) and one member without. Its schedule starts {@link #STARTS_IN} days
 * from today, at 09:00 in Berlin, so that the service's own clocks (the lifecycle, claims) see every round open.
 */
final class RhythmTeam {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int STARTS_IN = 10;
    static final String SCHEDULE = "/api/v1/teams/{team}/schedule";

    final String tenant = Api.newTenant();
    final String admin = Tokens.tenantAdmin(tenant);
    final String team = Api.newTeam(tenant, "Rhythm");
    final String leadId;
    final String lead;
    final String kimId;
    final String leeId;
    final String noMailId;
    final LocalDate startsOn = LocalDate.now(BERLIN).plusDays(STARTS_IN);

    RhythmTeam() {
        leadId = Api.newMember(tenant, team, Map.of("subject", "lead-sub", "role", "lead", "email", address("lead")));
        lead = Tokens.as(tenant, "lead-sub", Roles.TEAM_LEAD);
        kimId = Api.newMember(tenant, team, Map.of("email", address("kim"), "displayName", "Kim"));
        leeId = Api.newMember(tenant, team, Map.of("email", address("lee")));
        noMailId = Api.newMember(tenant, team, Map.of("externalId", "no-mail"));
    }

    String address(String name) {
        return name + "-" + tenant + "@example.com";
    }

    List<String> addresses() {
        return List.of(address("lead"), address("kim"), address("lee"));
    }

    /** A weekly schedule (every week, 09:00 Berlin, answered for 3 days, reminded 1 day before closing), changed by {@code changes}. */
    Map<String, Object> weekly(Object... changes) {
        Map<String, Object> body = new HashMap<>(Map.of("cadence", "weekly", "intervalWeeks", 1,
                "startsOn", startsOn.toString(), "timeOfDay", "09:00", "timeZone", "Europe/Berlin",
                "answerWindow", "P3D", "reminders", List.of("P1D")));
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                body.remove((String) changes[i]);
            } else {
                body.put((String) changes[i], changes[i + 1]);
            }
        }
        return body;
    }

    JsonPath put(Map<String, Object> schedule) {
        return Api.as(lead).body(schedule).put(SCHEDULE, team).then().statusCode(anyOf(is(200), is(201))).extract()
                .jsonPath();
    }

    /** The k-th weekly occurrence at this local time. */
    Instant occurrence(int weeks, LocalTime time) {
        return ZonedDateTime.of(startsOn.plusWeeks(weeks), time, BERLIN).toInstant();
    }

    Instant occurrence(int weeks) {
        return occurrence(weeks, LocalTime.of(9, 0));
    }

    /** The team's assessments, oldest first. */
    List<Map<String, Object>> rounds() {
        return Api.as(admin).queryParam("teamId", team).queryParam("limit", 200).get("/api/v1/assessments").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    JsonPath invitations(String assessment) {
        return Api.as(admin).queryParam("limit", 200).get("/api/v1/assessments/{id}/invitations", assessment).then()
                .statusCode(200).extract().jsonPath();
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /**
     * Ticks from {@code first}, the first try of a mail to a mailbox that defers it, and checks the tries it sees: none
     * more within 5 minutes, the second at 5, none within the 10 after that; then, the mailbox taking mail again, the
     * third at 15, which is taken, and none after it.
     */
    static void deferredTwiceThenTaken(ScheduleTick tick, Instant first, RefusingMailServer mailServer, String address) {
        tick.tick(at(first));
        assertThat(mailServer.attempts(address)).isEqualTo(1);
        for (int minute = 1; minute < 5; minute++) {
            tick.tick(at(first.plus(Duration.ofMinutes(minute))));
        }
        assertThat(mailServer.attempts(address)).as("not tried within 5 minutes").isEqualTo(1);
        tick.tick(at(first.plus(Duration.ofMinutes(5))));
        assertThat(mailServer.attempts(address)).as("tried again after 5 minutes").isEqualTo(2);
        tick.tick(at(first.plus(Duration.ofMinutes(14))));
        assertThat(mailServer.attempts(address)).as("not tried within 10 minutes of the second").isEqualTo(2);
        mailServer.takeMailFor(address);
        tick.tick(at(first.plus(Duration.ofMinutes(15))));
        assertThat(mailServer.attempts(address)).isEqualTo(3);
        assertThat(mailServer.taken(address)).as("taken once the mailbox has room").isEqualTo(1);
        tick.tick(at(first.plus(Duration.ofHours(2))));
        assertThat(mailServer.attempts(address)).as("done: not mailed again").isEqualTo(3);
    }

    /** Claims a code with no token, as the member would; @return the status. */
    static int claimStatus(String code) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/invitation-claims").then().extract().statusCode();
    }
}
