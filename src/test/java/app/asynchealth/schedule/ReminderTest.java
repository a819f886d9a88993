package app.asynchealth.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.MailServerResource;
import app.asynchealth.support.Mailbox;
import app.asynchealth.support.Superuser;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reminders: at the schedule's offsets before a round closes, and when the lead asks (once a day), to the seats still
 * pending only, each with a fresh code that works while the old one is dead; a mail server that is down delays them and
 * loses none.
 */
@QuarkusTest
class ReminderTest {

    static final String REMINDERS = "/api/v1/assessments/{id}/reminders";

    @Inject
    ScheduleTick tick;

    RhythmTeam rhythm;
    /** When the first round's reminder is due: one day before it closes (3 days after it opened). */
    Instant reminderDue;
    String round;

    @BeforeEach
    void aScheduledRoundWithOneClaimedSeat() {
        rhythm = new RhythmTeam();
        rhythm.put(rhythm.weekly());
        tick.tick(RhythmTeam.at(rhythm.occurrence(0)));
        round = (String) rhythm.rounds().get(0).get("id");
        reminderDue = ZonedDateTime.of(rhythm.startsOn.plusDays(2), LocalTime.of(9, 0), RhythmTeam.BERLIN).toInstant();
        Api.claim(Mailbox.invitations(rhythm.address("kim")).get(0)); // Kim has claimed; the lead and Lee have not
    }

    @Test
    void theScheduledReminderReachesPendingSeatsOnlyWithAFreshCodeOnce() {
        tick.tick(RhythmTeam.at(reminderDue.minusSeconds(60)));
        assertThat(Mailbox.reminders(rhythm.address("lee"))).isEmpty();

        tick.tick(RhythmTeam.at(reminderDue));
        tick.tick(RhythmTeam.at(reminderDue.plusSeconds(60)));
        assertThat(Mailbox.reminders(rhythm.address("kim"))).as("a claimed seat gets nothing").isEmpty();
        for (String pending : List.of("lee", "lead")) {
            List<String> reminders = Mailbox.reminders(rhythm.address(pending));
            assertThat(reminders).as(pending).hasSize(1);
            String old = Mailbox.invitations(rhythm.address(pending)).get(0);
            assertThat(reminders.get(0)).isNotEqualTo(old);
            assertThat(RhythmTeam.claimStatus(old)).as("the old code is dead").isEqualTo(404);
            assertThat(RhythmTeam.claimStatus(reminders.get(0))).as("the fresh code works").isEqualTo(201);
        }
        // A seat claimed in between is not reminded again later; nor are the others by this reminder.
        tick.tick(RhythmTeam.at(reminderDue.plus(Duration.ofHours(12))));
        for (String address : rhythm.addresses()) {
            assertThat(Mailbox.reminders(address)).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void aMailServerThatIsDownDelaysRemindersAndLosesNone() {
        String leesOld = Mailbox.invitations(rhythm.address("lee")).get(0);
        String leadsOld = Mailbox.invitations(rhythm.address("lead")).get(0);
        // The restarted mail server remembers nothing: what arrives afterwards is all there is to count.
        MailServerResource.outage(() -> tick.tick(RhythmTeam.at(reminderDue)));
        assertThat(Mailbox.reminders(rhythm.address("lee"))).isEmpty();

        tick.tick(RhythmTeam.at(reminderDue.plusSeconds(60)));
        tick.tick(RhythmTeam.at(reminderDue.plusSeconds(120)));
        assertThat(Mailbox.reminders(rhythm.address("kim"))).isEmpty();
        for (String[] pending : List.of(new String[] { "lee", leesOld }, new String[] { "lead", leadsOld })) {
            List<String> reminders = Mailbox.reminders(rhythm.address(pending[0]));
            assertThat(reminders).as(pending[0]).hasSize(1);
            assertThat(RhythmTeam.claimStatus(pending[1])).as("the old code is dead").isEqualTo(404);
            assertThat(RhythmTeam.claimStatus(reminders.get(0))).as("the fresh code works").isEqualTo(201);
        }
    }

    @Test
    void aReminderTheMailServerDidNotTakeLeavesTheOldCodeWorking() {
        String leesOld = Mailbox.invitations(rhythm.address("lee")).get(0);
        MailServerResource.outage(() -> {
            tick.tick(RhythmTeam.at(reminderDue));
            tick.tick(RhythmTeam.at(reminderDue.plusSeconds(60)));
        });
        assertThat(RhythmTeam.claimStatus(leesOld)).isEqualTo(201);
        tick.tick(RhythmTeam.at(reminderDue.plusSeconds(120)));
        assertThat(Mailbox.reminders(rhythm.address("lee"))).as("claimed meanwhile: no reminder").isEmpty();
        assertThat(Mailbox.reminders(rhythm.address("lead"))).hasSize(1);
    }

    @Test
    void aMailboxRefusedForGoodIsNotMailedAgainAndHoldsUpNoOtherReminder() {
        // A second team of the tenant on the same rhythm an hour later: its reminder comes due an hour after the first's.
        String second = Api.newTeam(rhythm.tenant, "Second");
        Api.newMember(rhythm.tenant, second, Map.of("email", rhythm.address("sam")));
        Api.as(rhythm.admin).body(rhythm.weekly("timeOfDay", "10:00")).put(RhythmTeam.SCHEDULE, second).then()
                .statusCode(201);
        tick.tick(RhythmTeam.at(rhythm.occurrence(0, LocalTime.of(10, 0))));
        assertThat(Mailbox.invitations(rhythm.address("sam"))).hasSize(1);
        String leesOld = Mailbox.invitations(rhythm.address("lee")).get(0);
        String lee = rhythm.address("lee");

        MailServerResource.refusing(Set.of(lee), mailServer -> {
            tick.tick(RhythmTeam.at(reminderDue));
            assertThat(mailServer.attempts(lee)).as("refused for good: not sent twice").isEqualTo(1);
            assertThat(mailServer.taken(rhythm.address("lead"))).isEqualTo(1);
            // Later ticks neither mail Lee again nor stop at the first team's reminder: the second team's goes out.
            tick.tick(RhythmTeam.at(reminderDue.plus(Duration.ofHours(1))));
            tick.tick(RhythmTeam.at(reminderDue.plus(Duration.ofHours(1)).plusSeconds(60)));
            assertThat(mailServer.attempts(lee)).isEqualTo(1);
            assertThat(mailServer.taken(rhythm.address("sam"))).isEqualTo(1);
            assertThat(mailServer.taken(rhythm.address("lead"))).isEqualTo(1);
        });
        assertThat(RhythmTeam.claimStatus(leesOld)).as("Lee keeps the code they hold").isEqualTo(201);
    }

    @Test
    void aMailboxThatDefersIsTriedAgainAtGrowingIntervalsUntilItTakesTheReminder() {
        String lee = rhythm.address("lee");
        String leesOld = Mailbox.invitations(lee).get(0);
        MailServerResource.refusing(Set.of(), Set.of(lee), mailServer -> {
            RhythmTeam.deferredTwiceThenTaken(tick, reminderDue, mailServer, lee);
            assertThat(mailServer.taken(rhythm.address("lead"))).as("the others mailed once").isEqualTo(1);
        });
        assertThat(RhythmTeam.claimStatus(leesOld)).as("replaced by the code of the mail taken").isEqualTo(404);
    }

    @Test
    void theLeadsReminderIsNotDoneWhileAMailboxDefersIt() {
        String lee = rhythm.address("lee");
        MailServerResource.refusing(Set.of(), Set.of(lee), mailServer -> {
            Instant before = Instant.now();
            Api.as(rhythm.lead).post(REMINDERS, round).then().statusCode(202).body("reminded", equalTo(1))
                    .body("doneAt", nullValue());
            assertThat(mailServer.taken(rhythm.address("lead"))).isEqualTo(1);
            // Every seat left waits for its mailbox: the ticks pass the reminder by until the retry (it takes no place
            // of a due reminder in a tick).
            List<Object[]> waiting = Superuser.query("SELECT waits_until FROM assessment_reminder"
                    + " WHERE assessment_id = ?::uuid AND origin = 'MANUAL'", round);
            assertThat(waiting).hasSize(1);
            assertThat(((Timestamp) waiting.get(0)[0]).toInstant())
                    .isBetween(before.plus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));
            mailServer.takeMailFor(lee);
            // The service's own clock: the first retry is 5 minutes later; the tick passes nothing to Lee before.
            tick.tick(RhythmTeam.at(Instant.now().plus(Duration.ofMinutes(1))));
            assertThat(mailServer.taken(lee)).isZero();
            tick.tick(RhythmTeam.at(Instant.now().plus(Duration.ofMinutes(6))));
            assertThat(mailServer.taken(lee)).isEqualTo(1);
            assertThat(mailServer.taken(rhythm.address("lead"))).as("the lead is not mailed twice").isEqualTo(1);
        });
    }

    @Test
    void theLeadRemindsNowAtMostOnceADay() {
        // A round made by hand, invited by e-mail: opened now, by the service's own clock.
        String manual = Api.newAssessment(rhythm.tenant, rhythm.team);
        Api.open(rhythm.tenant, manual);
        Api.as(rhythm.lead).body(Map.of()).post("/api/v1/assessments/{id}/invitations", manual).then().statusCode(201);
        String kimsInvitation = Mailbox.invitations(rhythm.address("kim")).get(1);
        Api.claim(kimsInvitation);

        Api.as(rhythm.lead).post(REMINDERS, manual).then().statusCode(202).body("assessmentId", equalTo(manual))
                .body("origin", equalTo("manual")).body("reminded", equalTo(2)).body("doneAt", notNullValue());
        assertThat(Mailbox.reminders(rhythm.address("lee"))).hasSize(1);
        assertThat(Mailbox.reminders(rhythm.address("lead"))).hasSize(1);
        assertThat(Mailbox.reminders(rhythm.address("kim"))).isEmpty();
        assertThat(RhythmTeam.claimStatus(Mailbox.reminders(rhythm.address("lee")).get(0))).isEqualTo(201);

        String retryAfter = Api.as(rhythm.admin).post(REMINDERS, manual).then().statusCode(409)
                .contentType("application/problem+json").header("Retry-After", notNullValue()).extract()
                .header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
        assertThat(Mailbox.reminders(rhythm.address("lead"))).hasSize(1);

        // Who may: not a member, not another tenant, not for a draft.
        Api.as(Tokens.as(rhythm.tenant, "lead-sub", Roles.MEMBER)).post(REMINDERS, round).then().statusCode(403);
        Api.as(Tokens.tenantAdmin(Api.newTenant())).post(REMINDERS, round).then().statusCode(404);
        String draft = Api.newAssessment(rhythm.tenant, rhythm.team);
        Api.as(rhythm.lead).post(REMINDERS, draft).then().statusCode(409);
    }

    @Test
    void theLeadsReminderThatTheMailServerDidNotTakeIsSentByTheNextTick() {
        MailServerResource.outage(() -> Api.as(rhythm.lead).post(REMINDERS, round).then().statusCode(202)
                .body("reminded", equalTo(0)).body("doneAt", nullValue()));
        tick.tick(RhythmTeam.at(Instant.now().plusSeconds(60)));
        assertThat(Mailbox.reminders(rhythm.address("lee"))).hasSize(1);
        assertThat(Mailbox.reminders(rhythm.address("lead"))).hasSize(1);
        assertThat(Mailbox.reminders(rhythm.address("kim"))).isEmpty();
    }
}
