package app.asynchealth.support;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.schedule.ScheduleTick;
import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;

/**
 * A tenant with a row in every tenant table, made through the API: a team with a lead and members, a derived
 * template, a charter, an open assessment answered (with a live profile snapshot) and a closed one (its profile published to the team), a pending and a claimed
 * invitation, an integration token, a webhook endpoint with a delivery attempted, and a second team on a schedule with
 * the round it created and a reminder. Its ids and names are what the
 * isolation tests look for in other tenants' answers.
 */
public final class RichTenant {

    public static final int RESPONDENTS = 5;

    public final String id;
    public final String name;
    public final String admin;
    public final String team;
    public final String teamName;
    public final String leadSubject;
    public final String member;
    public final String memberSubject;
    public final String memberEmail;
    public final String invitedMember;
    public final String openAssessment;
    public final String closedAssessment;
    public final String assessmentTitle;
    public final String pendingInvitation;
    public final String pendingCode;
    public final String claimedInvitation;
    public final String respondentCredential;
    public final String templateKey;
    public final String integrationTokenId;
    public final String integrationToken;
    public final String integrationName;
    public final String webhook;
    public final String webhookUrl;
    public final String delivery;
    /** The summary of the team's charter (version 1, written by the lead). */
    public final String charterSummary;
    /** A second team, on a schedule, and the round its schedule created (reminded by the admin). */
    public final String scheduledTeam;
    public final String scheduledRound;
    /** A team action adopted from the closed round. */
    public final String action;
    /** Every member id and subject of the tenant, for the confidentiality checks. */
    public final List<String> memberIds = new ArrayList<>();
    public final List<String> subjects = new ArrayList<>();

    /** @param receiver where the tenant's webhook endpoint points (a delivery is awaited there) */
    public RichTenant(WebhookReceiver receiver) {
        id = Api.newTenant();
        name = "Tenant " + id;
        admin = Tokens.tenantAdmin(id);
        String tag = id.substring(2);
        teamName = "Payments " + tag;
        team = Api.newTeam(id, teamName);
        leadSubject = "lead-" + tag;
        memberIds.add(Api.newMember(id, team, Map.of("subject", leadSubject, "role", "lead", "email",
                "lead-" + tag + "@a.example")));
        subjects.add(leadSubject);
        memberSubject = "ana-" + tag;
        memberEmail = "ana-" + tag + "@a.example";
        member = Api.newMember(id, team, Map.of("subject", memberSubject, "email", memberEmail,
                "displayName", "Ana " + tag));
        memberIds.add(member);
        subjects.add(memberSubject);
        invitedMember = Api.newMember(id, team, Map.of("email", "invited-" + tag + "@a.example"));
        memberIds.add(invitedMember);
        String codeMember = Api.newMember(id, team, Map.of("email", "code-" + tag + "@a.example"));
        memberIds.add(codeMember);

        charterSummary = "Charter " + tag;
        Api.as(Tokens.as(id, leadSubject, Roles.TEAM_LEAD)).body(Map.of("summary", charterSummary, "channels",
                List.of(Map.of("key", "chat", "name", "Chat " + tag, "purpose", "Questions", "responseExpectations",
                        List.of(Map.of("urgency", "normal", "within", "PT4H"))))))
                .put("/api/v1/teams/{id}/charter", team).then().statusCode(201);

        templateKey = "tpl-" + tag;
        Api.as(admin).body(Map.of("key", templateKey, "title", "Template " + tag,
                "basedOn", Map.of("key", "async-health", "version", 1))).post("/api/v1/templates").then().statusCode(201);

        integrationName = "Workday " + tag;
        JsonPath issued = Api.as(admin).body(Map.of("name", integrationName)).post("/api/v1/integrations/tokens").then()
                .statusCode(201).extract().jsonPath();
        integrationTokenId = issued.getString("integration.id");
        integrationToken = issued.getString("token");

        webhookUrl = receiver.url("/rich-" + tag);
        webhook = Api.as(admin).body(Map.of("url", webhookUrl, "events",
                List.of("assessment.closed", "profile.available", "assessment.quorum_reached"), "description",
                "Hook " + tag)).post("/api/v1/webhooks").then().statusCode(201).extract().path("endpoint.id");

        // A closed round, answered by enough members for a profile.
        closedAssessment = Api.closedRound(id, team, "closed-" + tag + "-", RESPONDENTS,
                ProfileResourceTest.answers(8, "often"));
        for (int i = 0; i < RESPONDENTS; i++) {
            subjects.add("closed-" + tag + "-" + i);
        }
        // Published to the team, so its members read it.
        Api.as(admin).put("/api/v1/assessments/{id}/profile/publication", closedAssessment).then().statusCode(201);

        // An action adopted from the closed round, owned by the member.
        action = Api.as(admin).body(Map.of("title", "Meeting audit " + tag, "metric", "often-in-unnecessary-meetings",
                "ownerMemberId", member, "dueDate", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
                "baselineAssessmentId", closedAssessment, "charterSection", "meetings"))
                .post("/api/v1/teams/{id}/actions", team).then().statusCode(201).extract().path("id");

        // An open round with live profiles: answers, a snapshot, a pending and a claimed seat.
        Api.as(admin).body(Map.of("liveProfiles", true)).patch("/api/v1/tenants/{id}", id).then().statusCode(200);
        assessmentTitle = "Round";
        openAssessment = Api.newAssessment(id, team);
        Api.open(id, openAssessment);
        Api.answer(id, team, openAssessment, "open-" + tag + "-", RESPONDENTS, ProfileResourceTest.answers(6, "rarely"));
        for (int i = 0; i < RESPONDENTS; i++) {
            subjects.add("open-" + tag + "-" + i);
        }
        Api.as(admin).get("/api/v1/assessments/{id}/profile", openAssessment).then().statusCode(200);
        JsonPath pending = Api.invite(id, openAssessment, invitedMember);
        pendingInvitation = pending.getString("issued[0].id");
        pendingCode = pending.getString("issued[0].code");
        JsonPath claimed = Api.invite(id, openAssessment, codeMember);
        claimedInvitation = claimed.getString("issued[0].id");
        respondentCredential = Api.claim(claimed.getString("issued[0].code"));
        Api.as(respondentCredential).body(ProfileResourceTest.answers(7, "sometimes"))
                .put("/api/v1/assessments/{id}/response", openAssessment).then().statusCode(201);

        // A team on a schedule: a round the tick created and invited by e-mail, and the lead's reminder of it, which
        // one member's mailbox (full) deferred.
        scheduledTeam = Api.newTeam(id, "Rhythm " + tag);
        Api.newMember(id, scheduledTeam, Map.of("email", "rhythm-" + tag + "@a.example"));
        String fullMailbox = "rhythm-full-" + tag + "@a.example";
        Api.newMember(id, scheduledTeam, Map.of("email", fullMailbox));
        LocalDate startsOn = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        Api.as(admin).body(Map.of("cadence", "weekly", "intervalWeeks", 1, "startsOn", startsOn.toString(),
                "timeOfDay", "09:00", "timeZone", "UTC", "answerWindow", "P3D", "reminders", List.of("P1D")))
                .put("/api/v1/teams/{id}/schedule", scheduledTeam).then().statusCode(201);
        ScheduleTick tick = Arc.container().instance(ScheduleTick.class).get();
        Clock roundStart = Clock.fixed(startsOn.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        tick.tick(roundStart);
        scheduledRound = Api.as(admin).queryParam("teamId", scheduledTeam).get("/api/v1/assessments").then()
                .statusCode(200).extract().path("items[0].id");
        // A mail the (busy) test mail server did not take is sent by a later tick: tick until the seat is there.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            tick.tick(roundStart);
            return Api.as(admin).get("/api/v1/assessments/{id}/invitations", scheduledRound).then().statusCode(200)
                    .extract().jsonPath().getList("items.status").equals(List.of("pending", "pending"));
        });
        int[] reminded = new int[1];
        MailServerResource.refusing(Set.of(), Set.of(fullMailbox), mailServer -> reminded[0] = Api.as(admin)
                .post("/api/v1/assessments/{id}/reminders", scheduledRound).then().statusCode(202)
                .extract().path("reminded"));
        if (reminded[0] == 0) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> tick.tick(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))).remindersMailed() > 0);
        }

        // Every member and subject of the tenant, the answering ones included.
        memberIds.clear();
        memberIds.addAll(Api.as(admin).queryParam("limit", 200).get("/api/v1/teams/{id}/members", team).then()
                .statusCode(200).extract().jsonPath().getList("items.id", String.class));

        // A delivery attempted, so that the attempt log has a row too.
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.as(admin).get("/api/v1/webhooks/{id}/deliveries", webhook)
                .then().statusCode(200).extract().jsonPath().getList("items.status").contains("delivered"));
        delivery = Api.as(admin).get("/api/v1/webhooks/{id}/deliveries", webhook).then().extract().path("items[0].id");
    }

    /** Tokens of every role of this tenant, and its non-person credentials. */
    public Map<String, String> credentials() {
        return Map.of(
                "tenant-admin", admin,
                "team-lead", Tokens.as(id, leadSubject, Roles.TEAM_LEAD),
                "member", Tokens.as(id, memberSubject, Roles.MEMBER),
                "hr-analyst", Tokens.as(id, "hr-" + id, Roles.HR_ANALYST),
                "integration-token", integrationToken,
                "respondent", respondentCredential);
    }

    /** Ids and names no other tenant may ever see. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>(List.of(id, name, team, teamName, member, memberSubject, memberEmail,
                invitedMember, openAssessment, closedAssessment, pendingInvitation, claimedInvitation, templateKey,
                integrationTokenId, integrationName, webhook, webhookUrl, delivery, leadSubject, charterSummary, action, scheduledTeam, scheduledRound));
        all.addAll(memberIds);
        return all;
    }
}
