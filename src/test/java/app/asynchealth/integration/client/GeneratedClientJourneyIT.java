package app.asynchealth.integration.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.asynchealth.client.ApiClient;
import app.asynchealth.client.ApiException;
import app.asynchealth.client.api.AnsweringApi;
import app.asynchealth.client.api.AssessmentsApi;
import app.asynchealth.client.api.BootstrapApi;
import app.asynchealth.client.api.HrIntegrationApi;
import app.asynchealth.client.api.InvitationsApi;
import app.asynchealth.client.api.ProfilesApi;
import app.asynchealth.client.api.TeamMembersApi;
import app.asynchealth.client.api.TeamsApi;
import app.asynchealth.client.model.Assessment;
import app.asynchealth.client.model.AssessmentStatus;
import app.asynchealth.client.model.DimensionProfile;
import app.asynchealth.client.model.FigureStatus;
import app.asynchealth.client.model.InvitationClaimRequest;
import app.asynchealth.client.model.InvitationDelivery;
import app.asynchealth.client.model.InvitationRequest;
import app.asynchealth.client.model.IssuedInvitation;
import app.asynchealth.client.model.IssuedInvitations;
import app.asynchealth.client.model.MyAssessment;
import app.asynchealth.client.model.MyResponseStatus;
import app.asynchealth.client.model.NewAssessment;
import app.asynchealth.client.model.NewTeam;
import app.asynchealth.client.model.NewTeamMember;
import app.asynchealth.client.model.OrganizationProfile;
import app.asynchealth.client.model.Profile;
import app.asynchealth.client.model.ProfileStatus;
import app.asynchealth.client.model.RequestedDelivery;
import app.asynchealth.client.model.RespondentCredential;
import app.asynchealth.client.model.Response;
import app.asynchealth.client.model.ResponseStatus;
import app.asynchealth.client.model.ResponseUpdate;
import app.asynchealth.client.model.RollupStatus;
import app.asynchealth.client.model.ScorePage;
import app.asynchealth.client.model.ScoreRow;
import app.asynchealth.client.model.Team;
import app.asynchealth.client.model.TeamMember;
import app.asynchealth.client.model.TeamRole;
import app.asynchealth.client.model.TemplateRef;
import app.asynchealth.support.PackagedService;

/**
 * The published contract is enough to drive the service: a whole assessment, from team to HR feed, through the Java
 * client generated from {@code openapi.yaml} at build time (openapi-generator, {@code java}/{@code native}), against the
 * packaged service with its embedded PostgreSQL. No hand-written HTTP: every call and every body is the generated
 * client's.
 */
class GeneratedClientJourneyIT {

    static final Set<String> DIMENSIONS = Set.of("communication-guidelines", "meeting-load", "response-norms",
            "deep-focus", "realtime-load", "after-hours", "alignment", "connectedness");
    static final int BY_CODE = 3;
    static final int BY_ACCOUNT = 3;

    static PackagedService service;

    @BeforeAll
    static void start() {
        service = PackagedService.start("client-journey", Map.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** A client of the service, sending this bearer token (none when null). */
    static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.baseUri().toString());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    static String bootstrap(String role, String subject) throws ApiException {
        var request = new app.asynchealth.client.model.BootstrapTokenRequest().role(role).tenant("demo").subject(subject);
        var token = new BootstrapApi(client(null)).issueBootstrapToken(request);
        assertThat(token.getTenant()).isEqualTo("demo");
        assertThat(token.getRoles()).contains(role);
        return token.getAccessToken();
    }

    /** The answers of AnsweringWalkthroughTest: every scored question of async-health v1 answered, and submitted. */
    static ResponseUpdate answers(int i) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("role", i % 3 == 0 ? "people-manager" : "ic");
        answers.put("working-style", "hybrid");
        answers.put("team-async-style", "mostly-async");
        answers.put("comm-guide-documented", i % 2 == 0 ? "yes" : "no");
        answers.put("comm-norms-clear", 1 + i % 5);
        answers.put("comm-effectiveness", 3);
        answers.put("meetings-could-be-async", "often");
        answers.put("response-expectation", "within-an-hour");
        answers.put("response-norms-agreed", 2);
        answers.put("focus-hours", 3 + i);
        answers.put("hours-worked", 40);
        answers.put("realtime-share", 45);
        answers.put("after-hours-frequency", "sometimes");
        answers.put("schedule-control", 3);
        answers.put("async-alignment-effect", "somewhat-improves");
        answers.put("team-connectedness", 4);
        answers.put("one-change", "Member " + i + " wants fewer status meetings");
        return new ResponseUpdate().answers(answers).submitted(true);
    }

    @Test
    void anAssessmentFromTeamToHrFeedThroughTheGeneratedClient() throws Exception {
        // A tenant admin creates the team, its members (each with their account's subject) and its lead.
        ApiClient admin = client(bootstrap("tenant-admin", null));
        TeamsApi teams = new TeamsApi(admin);
        Team team = teams.createTeam(new NewTeam().name("Client journey").description("Driven by the generated client"));
        assertThat(team.getId()).isNotNull();
        assertThat(team.getName()).isEqualTo("Client journey");
        TeamMembersApi members = new TeamMembersApi(admin);
        TeamMember lead = members.addTeamMember(team.getId(),
                new NewTeamMember().externalId("lead-1").subject("lead-1").role(TeamRole.LEAD));
        assertThat(lead.getRole()).isEqualTo(TeamRole.LEAD);
        assertThat(lead.getTeamId()).isEqualTo(team.getId());
        List<UUID> memberIds = new ArrayList<>();
        for (int i = 1; i <= BY_CODE + BY_ACCOUNT; i++) {
            TeamMember member = members.addTeamMember(team.getId(),
                    new NewTeamMember().externalId("m-" + i).subject("m-" + i).displayName("Member " + i));
            assertThat(member.getSubject()).isEqualTo("m-" + i);
            assertThat(member.getRole()).isEqualTo(TeamRole.MEMBER);
            memberIds.add(member.getId());
        }
        assertThat(members.listTeamMembers(team.getId(), null, null).getItems()).hasSize(1 + BY_CODE + BY_ACCOUNT);

        // The lead creates the assessment, opens it, and invites the first members with claim codes to hand out.
        ApiClient leadClient = client(bootstrap("team-lead", "lead-1"));
        AssessmentsApi assessments = new AssessmentsApi(leadClient);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Assessment draft = assessments.createAssessment(new NewAssessment().teamId(team.getId())
                .title("Q3 async health").template(new TemplateRef().key("async-health").version(1))
                .opensAt(now.plusHours(1)).closesAt(now.plusDays(14)));
        assertThat(draft.getStatus()).isEqualTo(AssessmentStatus.DRAFT);
        assertThat(draft.getAnonymityThreshold()).isEqualTo(5);
        assertThat(draft.getRound()).isEqualTo(1);
        assertThat(draft.getTeamId()).isEqualTo(team.getId());
        UUID id = draft.getId();
        Assessment open = assessments.openAssessment(id);
        assertThat(open.getStatus()).isEqualTo(AssessmentStatus.OPEN);
        assertThat(open.getOpenedAt()).isNotNull();

        IssuedInvitations issued = new InvitationsApi(leadClient).createInvitations(id,
                new InvitationRequest().memberIds(memberIds.subList(0, BY_CODE)).delivery(RequestedDelivery.CODE));
        assertThat(issued.getIssued()).hasSize(BY_CODE);
        assertThat(issued.getIssued()).extracting(IssuedInvitation::getMemberId)
                .containsExactlyInAnyOrderElementsOf(memberIds.subList(0, BY_CODE));
        assertThat(issued.getIssued()).extracting(IssuedInvitation::getDelivery).containsOnly(InvitationDelivery.CODE);
        assertThat(issued.getIssued()).allSatisfy(invitation -> assertThat(invitation.getCode()).isNotBlank());
        assertThat(issued.getAlreadyInvited()).isEmpty();

        // Members with a code exchange it (no token) for their respondent credential, and answer with it.
        AnsweringApi anonymous = new AnsweringApi(client(null));
        AnsweringApi claims = anonymous;
        for (int i = 0; i < BY_CODE; i++) {
            String code = issued.getIssued().get(i).getCode();
            RespondentCredential credential = claims.claimInvitation(new InvitationClaimRequest().code(code));
            assertThat(credential.getAssessmentId()).isEqualTo(id);
            assertThat(credential.getToken()).isNotBlank();
            Response response = new AnsweringApi(client(credential.getToken())).saveResponse(id, answers(i), null);
            assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUBMITTED);
            assertThat(response.getAssessmentId()).isEqualTo(id);
            assertThat(response.getSubmittedAt()).isNotNull();
            assertThat(response.getAnswers()).containsEntry("focus-hours", 3 + i)
                    .containsEntry("one-change", "Member " + i + " wants fewer status meetings");
            // A code buys one credential, once: a claimed code is no invitation any more.
            assertThatThrownBy(() -> claims.claimInvitation(new InvitationClaimRequest().code(code)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        }
        assertThatThrownBy(() -> anonymous.getResponse(id))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));

        // The others answer with their own accounts: the open assessment is on their list.
        for (int i = BY_CODE; i < BY_CODE + BY_ACCOUNT; i++) {
            AnsweringApi own = new AnsweringApi(client(bootstrap("member", "m-" + (i + 1))));
            List<MyAssessment> mine = own.listMyAssessments().getItems();
            assertThat(mine).extracting(MyAssessment::getId).containsExactly(id);
            assertThat(mine.get(0).getResponse()).isEqualTo(MyResponseStatus.NONE);
            Response response = own.saveResponse(id, answers(i), null);
            assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUBMITTED);
            assertThat(own.getResponse(id).getAnswers()).containsEntry("focus-hours", 3 + i);
            assertThat(own.listMyAssessments().getItems().get(0).getResponse()).isEqualTo(MyResponseStatus.SUBMITTED);
        }

        // The lead closes the assessment and reads the team's profile.
        Assessment before = assessments.getAssessment(id);
        assertThat(before.getSubmittedCount()).isEqualTo(BY_CODE + BY_ACCOUNT);
        assertThat(before.getInvitedCount()).isEqualTo(BY_CODE + BY_ACCOUNT);
        Assessment closed = assessments.closeAssessment(id);
        assertThat(closed.getStatus()).isEqualTo(AssessmentStatus.CLOSED);
        assertThat(closed.getClosedAt()).isNotNull();
        assertThat(closed.getSubmittedCount()).isEqualTo(BY_CODE + BY_ACCOUNT);

        Profile profile = new ProfilesApi(leadClient).getAssessmentProfile(id);
        assertThat(profile.getStatus()).isEqualTo(ProfileStatus.AVAILABLE);
        assertThat(profile.getAssessmentId()).isEqualTo(id);
        assertThat(profile.getTeamId()).isEqualTo(team.getId());
        assertThat(profile.getRespondents()).isEqualTo(BY_CODE + BY_ACCOUNT);
        assertThat(profile.getAnonymityThreshold()).isEqualTo(5);
        assertThat(profile.getScore()).isNotNull();
        assertThat(profile.getLevel()).isNotNull();
        assertThat(profile.getDimensions()).extracting(DimensionProfile::getKey)
                .containsExactlyInAnyOrderElementsOf(DIMENSIONS);
        assertThat(profile.getDimensions()).allSatisfy(dimension -> {
            assertThat(dimension.getStatus()).isEqualTo(FigureStatus.AVAILABLE);
            assertThat(dimension.getScore()).isNotNull();
            assertThat(dimension.getLevel()).isNotNull();
        });
        Map<String, Double> teamScores = profile.getDimensions().stream()
                .collect(Collectors.toMap(DimensionProfile::getKey, DimensionProfile::getScore));

        // HR reads the scores feed (one row per dimension of the closed assessment) and the organisation rollup.
        HrIntegrationApi hr = new HrIntegrationApi(client(bootstrap("hr-analyst", null)));
        ScorePage page = hr.listScores(null, null, 50, team.getId(), null);
        assertThat(page.getItems()).hasSize(DIMENSIONS.size());
        assertThat(page.getNextCursor()).isNull();
        assertThat(page.getResumeCursor()).isNotBlank();
        assertThat(page.getItems()).allSatisfy(row -> {
            assertThat(row.getAssessmentId()).isEqualTo(id);
            assertThat(row.getTeamId()).isEqualTo(team.getId());
            assertThat(row.getRound()).isEqualTo(1);
            assertThat(row.getStatus()).isEqualTo(ProfileStatus.AVAILABLE);
            assertThat(row.getRespondents()).isEqualTo(BY_CODE + BY_ACCOUNT);
            assertThat(row.getAnonymityThreshold()).isEqualTo(5);
            assertThat(row.getScore()).isEqualTo(teamScores.get(row.getDimension()));
        });
        assertThat(page.getItems()).extracting(ScoreRow::getDimension).containsExactlyInAnyOrderElementsOf(DIMENSIONS);
        // Polling with the resume cursor: nothing new.
        assertThat(hr.listScores(page.getResumeCursor(), null, 50, team.getId(), null).getItems()).isEmpty();

        OrganizationProfile organization = hr.getOrganizationProfile();
        assertThat(organization.getTenantId()).isEqualTo("demo");
        assertThat(organization.getStatus()).isEqualTo(RollupStatus.AVAILABLE);
        assertThat(organization.getTeams().getWithResults()).isEqualTo(1);
        assertThat(organization.getTeams().getIncluded()).isEqualTo(1);
        assertThat(organization.getTeams().getSuppressed()).isZero();
        assertThat(organization.getTeams().getTotal())
                .isEqualTo(teams.listTeams(null, null).getItems().size());
        assertThat(organization.getRespondents()).isEqualTo(BY_CODE + BY_ACCOUNT);
        assertThat(organization.getScore()).isEqualTo(profile.getScore());
        assertThat(organization.getBasis()).singleElement().satisfies(basis -> {
            assertThat(basis.getTeamId()).isEqualTo(team.getId());
            assertThat(basis.getAssessmentId()).isEqualTo(id);
            assertThat(basis.getStatus()).isEqualTo(ProfileStatus.AVAILABLE);
            assertThat(basis.getRespondents()).isEqualTo(BY_CODE + BY_ACCOUNT);
        });
        assertThat(organization.getDimensions()).allSatisfy(dimension -> {
            assertThat(dimension.getStatus()).isEqualTo(RollupStatus.AVAILABLE);
            assertThat(dimension.getTeams()).isEqualTo(1);
            assertThat(dimension.getScore()).isEqualTo(teamScores.get(dimension.getKey()));
        });
    }
}
