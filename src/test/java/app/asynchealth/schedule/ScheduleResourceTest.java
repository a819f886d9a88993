package app.asynchealth.schedule;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** A team's schedule through the API: set, read, replace, pause, remove; who may; what is refused, storing nothing. */
@QuarkusTest
class ScheduleResourceTest {

    static final String SCHEDULE = RhythmTeam.SCHEDULE;
    static final String PROBLEM = "application/problem+json";

    RhythmTeam rhythm;

    @BeforeEach
    void team() {
        rhythm = new RhythmTeam();
    }

    @Test
    void theLeadSetsReadsReplacesPausesAndRemovesTheSchedule() {
        String etag = Api.as(rhythm.lead).body(rhythm.weekly("reminders", List.of("P2D", "PT4H"), "title", "Pulse"))
                .put(SCHEDULE, rhythm.team).then().statusCode(201).header("Location", notNullValue())
                .body("teamId", equalTo(rhythm.team)).body("cadence", equalTo("weekly"))
                .body("intervalWeeks", equalTo(1)).body("startsOn", equalTo(rhythm.startsOn.toString()))
                .body("timeOfDay", equalTo("09:00")).body("timeZone", equalTo("Europe/Berlin"))
                .body("answerWindow", equalTo("P3D")).body("reminders", equalTo(List.of("P2D", "PT4H")))
                .body("delivery", equalTo("email")).body("paused", equalTo(false)).body("title", equalTo("Pulse"))
                .body("template.key", equalTo("async-health")).body("template.version", equalTo(1))
                .body("nextRoundAt", equalTo(rhythm.occurrence(0).toString()))
                .extract().header("ETag");

        Api.as(rhythm.admin).get(SCHEDULE, rhythm.team).then().statusCode(200).header("ETag", equalTo(etag))
                .body("nextRoundAt", equalTo(rhythm.occurrence(0).toString()));
        Api.as(rhythm.lead).header("If-None-Match", etag).get(SCHEDULE, rhythm.team).then().statusCode(304);

        String changed = Api.as(rhythm.admin).header("If-Match", etag)
                .body(rhythm.weekly("cadence", "monthly", "intervalWeeks", null, "timeOfDay", "17:30"))
                .put(SCHEDULE, rhythm.team).then().statusCode(200).body("cadence", equalTo("monthly"))
                .body("intervalWeeks", nullValue()).body("timeOfDay", equalTo("17:30"))
                .body("nextRoundAt", equalTo(rhythm.occurrence(0, LocalTime.of(17, 30)).toString()))
                .extract().header("ETag");
        // A stale ETag overwrites nothing.
        Api.as(rhythm.lead).header("If-Match", etag).body(rhythm.weekly()).put(SCHEDULE, rhythm.team).then()
                .statusCode(412).contentType(PROBLEM);

        Api.as(rhythm.lead).header("If-Match", changed).body(rhythm.weekly("paused", true)).put(SCHEDULE, rhythm.team)
                .then().statusCode(200).body("paused", equalTo(true)).body("nextRoundAt", nullValue());
        Api.as(rhythm.lead).body(rhythm.weekly("paused", false)).put(SCHEDULE, rhythm.team).then().statusCode(200)
                .body("nextRoundAt", equalTo(rhythm.occurrence(0).toString()));

        Api.as(rhythm.lead).delete(SCHEDULE, rhythm.team).then().statusCode(204);
        Api.as(rhythm.lead).get(SCHEDULE, rhythm.team).then().statusCode(404).contentType(PROBLEM);
        Api.as(rhythm.lead).delete(SCHEDULE, rhythm.team).then().statusCode(404);
    }

    @Test
    void badSchedulesAreRefusedFieldByFieldAndNothingIsStored() {
        Api.as(rhythm.lead).body(rhythm.weekly("intervalWeeks", null, "timeZone", "Mars/Olympus",
                "answerWindow", "P8D", "reminders", List.of("P9D", "soon"))).put(SCHEDULE, rhythm.team).then()
                .statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("intervalWeeks", "timeZone", "reminders[0]", "reminders[1]"));
        Api.as(rhythm.lead).body(rhythm.weekly("answerWindow", "P8D")).put(SCHEDULE, rhythm.team).then()
                .statusCode(400).body("errors.field", equalTo(List.of("answerWindow")));
        Api.as(rhythm.lead).body(rhythm.weekly("answerWindow", "PT30M", "reminders", List.of())).put(SCHEDULE, rhythm.team)
                .then().statusCode(400).body("errors.field", equalTo(List.of("answerWindow")));
        Api.as(rhythm.lead).body(rhythm.weekly("answerWindow", "five days")).put(SCHEDULE, rhythm.team).then()
                .statusCode(400).body("errors.field", hasItem("answerWindow"));
        Api.as(rhythm.lead).body(rhythm.weekly("cadence", "monthly")).put(SCHEDULE, rhythm.team).then()
                .statusCode(400).body("errors.field", equalTo(List.of("intervalWeeks")));
        Api.as(rhythm.lead).body(rhythm.weekly("timeZone", "+02:00")).put(SCHEDULE, rhythm.team).then()
                .statusCode(400).body("errors.field", equalTo(List.of("timeZone")));
        Api.as(rhythm.lead).body(rhythm.weekly("reminders", List.of("PT4H", "PT4H"))).put(SCHEDULE, rhythm.team)
                .then().statusCode(400).body("errors.field", equalTo(List.of("reminders[1]")));
        Api.as(rhythm.lead).body(rhythm.weekly("template", Map.of("key", "no-such", "version", 1)))
                .put(SCHEDULE, rhythm.team).then().statusCode(400).body("errors.field", equalTo(List.of("template")));
        Api.as(rhythm.lead).body(rhythm.weekly("timeOfDay", "24:00")).put(SCHEDULE, rhythm.team).then()
                .statusCode(400).contentType(PROBLEM);
        Api.as(rhythm.lead).body(rhythm.weekly("intervalWeeks", 0)).put(SCHEDULE, rhythm.team).then().statusCode(400);
        Api.as(rhythm.lead).body(rhythm.weekly("cadence", "daily")).put(SCHEDULE, rhythm.team).then().statusCode(400);
        Api.as(rhythm.lead).body(rhythm.weekly("delivery", "code")).put(SCHEDULE, rhythm.team).then().statusCode(400);
        Api.as(rhythm.lead).body(rhythm.weekly("nextRoundAt", "2030-01-01T00:00:00Z")).put(SCHEDULE, rhythm.team)
                .then().statusCode(400);
        Api.as(rhythm.lead).body(rhythm.weekly("startsOn", null)).put(SCHEDULE, rhythm.team).then().statusCode(400)
                .body("errors.field", hasItem("startsOn"));

        Api.as(rhythm.lead).get(SCHEDULE, rhythm.team).then().statusCode(404);

        // A bad change leaves the schedule as it was.
        rhythm.put(rhythm.weekly());
        Api.as(rhythm.lead).body(rhythm.weekly("answerWindow", "P30D")).put(SCHEDULE, rhythm.team).then().statusCode(400);
        Api.as(rhythm.lead).get(SCHEDULE, rhythm.team).then().statusCode(200).body("answerWindow", equalTo("P3D"));
    }

    @Test
    void onlyTheTeamsLeadAndTenantAdminsSeeOrChangeIt() {
        rhythm.put(rhythm.weekly());
        // On the team but not its lead (team-lead of another team): 403. Not on the team: the team does not exist.
        Api.newMember(rhythm.tenant, rhythm.team, Map.of("subject", "other-lead", "email", rhythm.address("other")));
        String notThisTeamsLead = Tokens.as(rhythm.tenant, "other-lead", Roles.TEAM_LEAD);
        Api.as(notThisTeamsLead).get(SCHEDULE, rhythm.team).then().statusCode(403).contentType(PROBLEM);
        Api.as(notThisTeamsLead).body(rhythm.weekly("paused", true)).put(SCHEDULE, rhythm.team).then().statusCode(403);
        String strangerLead = Tokens.as(rhythm.tenant, "stranger", Roles.TEAM_LEAD);
        Api.as(strangerLead).get(SCHEDULE, rhythm.team).then().statusCode(404);
        for (String role : List.of(Roles.MEMBER, Roles.HR_ANALYST)) {
            String token = Tokens.as(rhythm.tenant, "lead-sub", role);
            Api.as(token).get(SCHEDULE, rhythm.team).then().statusCode(403);
            Api.as(token).body(rhythm.weekly("paused", true)).put(SCHEDULE, rhythm.team).then().statusCode(403);
            Api.as(token).delete(SCHEDULE, rhythm.team).then().statusCode(403);
        }

        String otherAdmin = Tokens.tenantAdmin(Api.newTenant());
        Api.as(otherAdmin).get(SCHEDULE, rhythm.team).then().statusCode(404).contentType(PROBLEM);
        Api.as(otherAdmin).body(rhythm.weekly("paused", true)).put(SCHEDULE, rhythm.team).then().statusCode(404);
        Api.as(otherAdmin).delete(SCHEDULE, rhythm.team).then().statusCode(404);

        Api.as(rhythm.admin).get(SCHEDULE, rhythm.team).then().statusCode(200).body("paused", equalTo(false))
                .body("reminders", hasSize(1));
    }
}
