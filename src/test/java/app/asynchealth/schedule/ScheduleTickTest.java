package app.asynchealth.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.MailServerResource;
import app.asynchealth.support.Mailbox;
import app.asynchealth.support.Superuser;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schedule's tick, driven by the tests' own clock: rounds created at the right instant in the team's zone,
 * opened, invited by e-mail and chained; never twice, whatever runs the tick or how late.
 */
@QuarkusTest
class ScheduleTickTest {

    private static final Function<Map<String, Object>, Object> STATUS = invitation -> invitation.get("status");
    private static final Function<Map<String, Object>, Object> REVOKED_BECAUSE = invitation -> invitation
            .get("revokedBecause");

    @Inject
    ScheduleTick tick;

    RhythmTeam rhythm;

    @BeforeEach
    void team() {
        rhythm = new RhythmTeam();
    }

    @Test
    void theFirstRoundOpensAtItsLocalTimeInvitesEveryMemberByMailAndTheNextChainsToIt() {
        rhythm.put(rhythm.weekly());
        Instant first = rhythm.occurrence(0);

        tick.tick(RhythmTeam.at(first.minusSeconds(60)));
        assertThat(rhythm.rounds()).isEmpty();

        tick.tick(RhythmTeam.at(first));
        List<Map<String, Object>> rounds = rhythm.rounds();
        assertThat(rounds).hasSize(1);
        Map<String, Object> round = rounds.get(0);
        assertThat(round.get("status")).isEqualTo("open");
        assertThat(round.get("opensAt")).isEqualTo(first.toString());
        assertThat(round.get("closesAt")).isEqualTo(ZonedDateTime.of(rhythm.startsOn.plusDays(3), LocalTime.of(9, 0),
                RhythmTeam.BERLIN).toInstant().toString());
        assertThat(round.get("openedAt")).isEqualTo(first.toString());
        assertThat(round.get("round")).isEqualTo(1);
        assertThat(round.get("previousAssessmentId")).isNull();
        assertThat(round.get("title")).isEqualTo("Rhythm " + rhythm.startsOn);
        String firstRound = (String) round.get("id");
        var invitations = rhythm.invitations(firstRound);
        assertThat(invitations.getList("items.memberId")).containsExactlyInAnyOrder(rhythm.leadId, rhythm.kimId,
                rhythm.leeId);
        assertThat(invitations.getList("items.delivery")).containsOnly("email");
        for (String address : rhythm.addresses()) {
            assertThat(Mailbox.invitations(address)).as(address).hasSize(1);
        }
        Api.claim(Mailbox.invitations(rhythm.address("kim")).get(0));

        // The same instant again (a second replica, a retry): nothing new, nobody mailed twice.
        tick.tick(RhythmTeam.at(first));
        tick.tick(RhythmTeam.at(first.plusSeconds(60)));
        assertThat(rhythm.rounds()).hasSize(1);
        for (String address : rhythm.addresses()) {
            assertThat(Mailbox.invitations(address)).as(address).hasSize(1);
        }
        Api.as(rhythm.lead).get(RhythmTeam.SCHEDULE, rhythm.team).then().statusCode(200)
                .body("nextRoundAt", equalTo(rhythm.occurrence(1).toString()))
                .body("lastAssessmentId", equalTo(firstRound));

        tick.tick(RhythmTeam.at(rhythm.occurrence(1)));
        rounds = rhythm.rounds();
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1).get("previousAssessmentId")).isEqualTo(firstRound);
        assertThat(rounds.get(1).get("round")).isEqualTo(2);
        assertThat(rounds.get(1).get("opensAt")).isEqualTo(rhythm.occurrence(1).toString());
        for (String address : rhythm.addresses()) {
            assertThat(Mailbox.invitations(address)).as(address).hasSize(2);
        }
    }

    @Test
    void roundsKeepTheirLocalTimeAcrossADaylightSavingChange() {
        ZoneOffsetTransition change = RhythmTeam.BERLIN.getRules().nextTransition(Instant.now().plus(Duration.ofDays(12)));
        LocalDate before = change.getDateTimeBefore().toLocalDate().minusDays(3);
        rhythm.put(rhythm.weekly("startsOn", before.toString()));
        Instant first = ZonedDateTime.of(before, LocalTime.of(9, 0), RhythmTeam.BERLIN).toInstant();
        Instant second = ZonedDateTime.of(before.plusWeeks(1), LocalTime.of(9, 0), RhythmTeam.BERLIN).toInstant();
        assertThat(Duration.between(first, second)).isNotEqualTo(Duration.ofDays(7));

        tick.tick(RhythmTeam.at(first));
        assertThat(rhythm.rounds()).hasSize(1);
        tick.tick(RhythmTeam.at(second.minusSeconds(60)));
        assertThat(rhythm.rounds()).hasSize(1);
        tick.tick(RhythmTeam.at(second));
        List<Map<String, Object>> rounds = rhythm.rounds();
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1).get("opensAt")).isEqualTo(second.toString());
    }

    @Test
    void aPausedScheduleCreatesNothingAndResumesWithTheNextOccurrence() {
        rhythm.put(rhythm.weekly("paused", true));
        tick.tick(RhythmTeam.at(rhythm.occurrence(0)));
        tick.tick(RhythmTeam.at(rhythm.occurrence(1)));
        assertThat(rhythm.rounds()).isEmpty();

        rhythm.put(rhythm.weekly("paused", false));
        tick.tick(RhythmTeam.at(rhythm.occurrence(0)));
        assertThat(rhythm.rounds()).hasSize(1);
    }

    @Test
    void aChangeAppliesToFutureRoundsOnly() {
        rhythm.put(rhythm.weekly());
        tick.tick(RhythmTeam.at(rhythm.occurrence(0)));
        Map<String, Object> first = rhythm.rounds().get(0);

        rhythm.put(rhythm.weekly("answerWindow", "P5D", "timeOfDay", "10:00", "reminders", List.of()));
        Map<String, Object> unchanged = rhythm.rounds().get(0);
        assertThat(unchanged.get("opensAt")).isEqualTo(first.get("opensAt"));
        assertThat(unchanged.get("closesAt")).isEqualTo(first.get("closesAt"));
        // Not today at 10:00 beside the open round: the next week's.
        Instant next = rhythm.occurrence(1, LocalTime.of(10, 0));
        Api.as(rhythm.lead).get(RhythmTeam.SCHEDULE, rhythm.team).then()
                .body("nextRoundAt", equalTo(next.toString()));
        tick.tick(RhythmTeam.at(rhythm.occurrence(0, LocalTime.of(10, 0))));
        tick.tick(RhythmTeam.at(rhythm.occurrence(1)));
        assertThat(rhythm.rounds()).hasSize(1);

        tick.tick(RhythmTeam.at(next));
        List<Map<String, Object>> rounds = rhythm.rounds();
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1).get("opensAt")).isEqualTo(next.toString());
        assertThat(rounds.get(1).get("closesAt")).isEqualTo(ZonedDateTime.of(rhythm.startsOn.plusWeeks(1).plusDays(5),
                LocalTime.of(10, 0), RhythmTeam.BERLIN).toInstant().toString());
        assertThat(rhythm.rounds().get(0)).isEqualTo(unchanged);
    }

    @Test
    void schedulesDueAtTheSameInstantEachGetTheirOwnRoundTitleReminderAndInvitations() {
        // One tenant's schedules are created in batches (one transaction, a few statements, for many): each round must
        // still be its own team's, titled, reminded and invited as a schedule of its own would be.
        String tenant = Api.newTenant();
        String admin = Tokens.tenantAdmin(tenant);
        LocalDate startsOn = LocalDate.now(RhythmTeam.BERLIN).plusDays(RhythmTeam.STARTS_IN);
        List<String> teams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String team = Api.newTeam(tenant, "Batch " + i);
            Api.newMember(tenant, team, Map.of("email", "batch" + i + "-" + tenant + "@example.com"));
            Map<String, Object> schedule = new HashMap<>(Map.of("cadence", "weekly", "intervalWeeks", 1,
                    "startsOn", startsOn.toString(), "timeOfDay", "09:00", "timeZone", "Europe/Berlin",
                    "answerWindow", "P3D", "reminders", List.of("P1D")));
            if (i == 2) {
                schedule.put("title", "Own title");
            }
            Api.as(admin).body(schedule).put(RhythmTeam.SCHEDULE, team).then().statusCode(201);
            teams.add(team);
        }
        Instant first = ZonedDateTime.of(startsOn, LocalTime.of(9, 0), RhythmTeam.BERLIN).toInstant();

        // Other tests' schedules may be due at the same instant: the teams here are counted one by one.
        tick.tick(RhythmTeam.at(first));

        for (int i = 0; i < 3; i++) {
            List<Map<String, Object>> rounds = Api.as(admin).queryParam("teamId", teams.get(i))
                    .get("/api/v1/assessments").then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(rounds).hasSize(1);
            assertThat(rounds.get(0)).containsEntry("status", "open")
                    .containsEntry("title", (i == 2 ? "Own title " : "Batch " + i + " ") + startsOn)
                    .containsEntry("opensAt", first.toString());
            assertThat(Mailbox.invitations("batch" + i + "-" + tenant + "@example.com")).hasSize(1);
            String round = (String) rounds.get(0).get("id");
            assertThat(Superuser.query("SELECT count(*) FROM assessment_reminder WHERE tenant_id = ? AND"
                    + " assessment_id = ?::uuid", tenant, round).get(0)[0]).isEqualTo(1L);
            assertThat(Superuser.query("SELECT count(*) FROM schedule_round WHERE tenant_id = ? AND"
                    + " assessment_id = ?::uuid", tenant, round).get(0)[0]).isEqualTo(1L);
        }
    }

    @Test
    void twoTicksAtOnceCreateTheRoundOnce() throws Exception {
        rhythm.put(rhythm.weekly());
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<ScheduleTick.Result>> ticks = List.of(1, 2).stream()
                    .map(replica -> CompletableFuture.supplyAsync(() -> {
                        try {
                            together.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return tick.tick(RhythmTeam.at(rhythm.occurrence(0)));
                    }, replicas)).toList();
            ticks.forEach(CompletableFuture::join);
        } finally {
            replicas.shutdown();
        }

        assertThat(rhythm.rounds()).hasSize(1);
        for (String address : rhythm.addresses()) {
            assertThat(Mailbox.invitations(address)).as(address).hasSize(1);
        }
        assertThat(rhythm.invitations((String) rhythm.rounds().get(0).get("id")).getList("items")).hasSize(3);
    }

    @Test
    void anInvitationRefusedForGoodIsNotMailedEveryTickNorHoldsUpTheTenantsOtherRounds() {
        // A second team of the tenant on the same rhythm an hour later: its round opens an hour after the first's.
        String second = Api.newTeam(rhythm.tenant, "Second");
        Api.newMember(rhythm.tenant, second, Map.of("email", rhythm.address("sam")));
        rhythm.put(rhythm.weekly());
        Api.as(rhythm.admin).body(rhythm.weekly("timeOfDay", "10:00")).put(RhythmTeam.SCHEDULE, second).then()
                .statusCode(201);
        String lee = rhythm.address("lee");
        Instant first = rhythm.occurrence(0);
        MailServerResource.refusing(Set.of(lee), mailServer -> {
            tick.tick(RhythmTeam.at(first));
            assertThat(mailServer.attempts(lee)).isEqualTo(1);
            assertThat(mailServer.taken(rhythm.address("kim"))).isEqualTo(1);
            tick.tick(RhythmTeam.at(first.plusSeconds(60)));
            tick.tick(RhythmTeam.at(first.plusSeconds(120)));
            assertThat(mailServer.attempts(lee)).as("refused for good: not mailed again").isEqualTo(1);
            tick.tick(RhythmTeam.at(rhythm.occurrence(0, LocalTime.of(10, 0))));
            assertThat(mailServer.taken(rhythm.address("sam"))).as("the tenant's next round is invited").isEqualTo(1);
            assertThat(mailServer.attempts(lee)).isEqualTo(1);
        });
        String round = (String) rhythm.rounds().get(0).get("id");
        List<String> leesInvitations = rhythm.invitations(round).getList("items.findAll { it.memberId == '"
                + rhythm.leeId + "' }.status");
        assertThat(leesInvitations).as("one code nobody holds, revoked: no pile of them").containsExactly("revoked");
    }

    @Test
    void aMailboxRefusedForGoodIsNotMailedAgainWhenTheRoundTriesAnotherThatDeferred() {
        rhythm.put(rhythm.weekly());
        String lee = rhythm.address("lee");
        String kim = rhythm.address("kim");
        Instant first = rhythm.occurrence(0);
        MailServerResource.refusing(Set.of(lee), Set.of(kim), mailServer -> {
            RhythmTeam.deferredTwiceThenTaken(tick, first, mailServer, kim);
            assertThat(mailServer.attempts(lee)).as("refused for good: not mailed at Kim's retries").isEqualTo(1);
        });
        String round = (String) rhythm.rounds().get(0).get("id");
        List<Map<String, Object>> invitations = rhythm.invitations(round).getList("items");
        assertThat(invitations).filteredOn("memberId", rhythm.leeId).extracting(STATUS, REVOKED_BECAUSE)
                .as("the lead sees why Lee holds no seat").containsExactly(tuple("revoked", "mailbox-refused"));
        assertThat(invitations).filteredOn("memberId", rhythm.kimId).extracting(STATUS, REVOKED_BECAUSE)
                .as("Kim's deferred mails, then the seat").containsExactlyInAnyOrder(tuple("revoked", "mail-not-taken"),
                        tuple("revoked", "mail-not-taken"), tuple("pending", null));
    }

    @Test
    void anInvitationAMailboxDefersIsTriedAgainAtGrowingIntervalsUntilItIsTaken() {
        rhythm.put(rhythm.weekly());
        String lee = rhythm.address("lee");
        Instant first = rhythm.occurrence(0);
        MailServerResource.refusing(Set.of(), Set.of(lee), mailServer -> {
            RhythmTeam.deferredTwiceThenTaken(tick, first, mailServer, lee);
            for (String other : List.of("lead", "kim")) {
                assertThat(mailServer.taken(rhythm.address(other))).as(other).isEqualTo(1);
            }
        });
        String round = (String) rhythm.rounds().get(0).get("id");
        assertThat(rhythm.invitations(round).getList("items.findAll { it.memberId == '" + rhythm.leeId
                + "' }.status")).as("Lee holds a seat").contains("pending");
    }

    @Test
    void afterDowntimeOverTwoStartsOnlyTheLatestRoundIsCreatedAndOnlyWhileItsWindowIsOpen() {
        rhythm.put(rhythm.weekly());
        Instant late = rhythm.occurrence(2).plus(Duration.ofHours(5));
        tick.tick(RhythmTeam.at(late));
        tick.tick(RhythmTeam.at(late));
        List<Map<String, Object>> rounds = rhythm.rounds();
        assertThat(rounds).hasSize(1);
        assertThat(rounds.get(0).get("opensAt")).isEqualTo(rhythm.occurrence(2).toString());
        assertThat(rounds.get(0).get("openedAt")).isEqualTo(late.toString());
        Api.as(rhythm.lead).get(RhythmTeam.SCHEDULE, rhythm.team).then()
                .body("nextRoundAt", equalTo(rhythm.occurrence(3).toString()));

        // Down again, past the next start and the end of its window (3 days): no round for it, the one after is planned.
        tick.tick(RhythmTeam.at(rhythm.occurrence(3).plus(Duration.ofDays(4))));
        assertThat(rhythm.rounds()).hasSize(1);
        Api.as(rhythm.lead).get(RhythmTeam.SCHEDULE, rhythm.team).then()
                .body("nextRoundAt", equalTo(rhythm.occurrence(4).toString()));
    }
}
