package app.asynchealth.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.profile.ProfileResourceTest;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;

/**
 * A team with a history to draw: a charter (norm gap), a first round of five, a second of four (below the threshold:
 * suppressed), an action adopted from the first round's recommendation after the second closed, and a third round of
 * six that measures it.
 */
final class ReportRounds {

    final String tenant = Api.newTenant();
    final String admin = Tokens.tenantAdmin(tenant);
    final String hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
    final String team = Api.newTeam(tenant, "Payments <&> \"Core\"");
    final String lead;
    final String first;
    final String second;
    final String third;

    ReportRounds() {
        Api.newMember(tenant, team, Map.of("externalId", "lead", "subject", "lead", "role", "lead"));
        lead = Tokens.as(tenant, "lead", Roles.TEAM_LEAD);
        String owner = Api.newMember(tenant, team, Map.of("externalId", "owner", "subject", "owner"));
        Api.as(admin).body(Map.of("channels", List.of(Map.of("key", "chat", "name", "Team chat",
                "purpose", "Questions that can wait a few hours", "responseExpectations",
                List.of(Map.of("urgency", "urgent", "within", "PT30M"), Map.of("urgency", "normal", "within", "PT4H")))),
                "meetings", Map.of("statusUpdatesAsync", true, "agendaRequired", true),
                "focus", Map.of("protectedHoursPerWeek", 10)))
                .put("/api/v1/teams/{team}/charter", team).then().statusCode(201);
        first = closedRound(null, "a", 5, ProfileResourceTest.answers(4, "often"));
        second = closedRound(first, "b", 4, ProfileResourceTest.answers(9, "sometimes"));
        Api.as(admin).body(Map.of("recommendationKey", "run-meeting-audit", "ownerMemberId", owner,
                "dueDate", LocalDate.now(ZoneOffset.UTC).plusDays(14).toString(), "baselineAssessmentId", first))
                .post("/api/v1/teams/{team}/actions", team).then().statusCode(201);
        third = closedRound(second, "c", 6, ProfileResourceTest.answers(14, "rarely"));
    }

    /** As Api.closedRound, as the next round of {@code previous}: rounds numbered 1, 2, 3. */
    private String closedRound(String previous, String prefix, int respondents, String answers) {
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(Map.of("teamId", team, "title", "Q" + prefix.charAt(0) + " check-in",
                "opensAt", now.plus(Duration.ofDays(1)).toString(), "closesAt", now.plus(Duration.ofDays(8)).toString()));
        if (previous != null) {
            body.put("previousAssessmentId", previous);
        }
        String assessment = Api.as(admin).body(body).post("/api/v1/assessments").then().statusCode(201).extract()
                .path("id");
        Api.open(tenant, assessment);
        Api.answer(tenant, team, assessment, prefix, respondents, answers);
        Api.close(tenant, assessment);
        return assessment;
    }
}
