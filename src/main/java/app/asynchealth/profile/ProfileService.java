package app.asynchealth.profile;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.profile.ProfilePictures.ProfileReport;
import app.asynchealth.profile.ProfilePictures.TeamTrend;
import app.asynchealth.profile.ProfileRepresentations.ProfileActionEffect;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.profile.ProfileRepresentations.TrendView;
import app.asynchealth.team.Team;
import app.asynchealth.team.TeamAccess;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;

/**
 * Who may read which profile and trend: leads of the team, and whoever sees all teams; a round's profile also the
 * team's members once it is published to them. What the profile is, is {@link AssessmentProfiles}' job.
 */
@ApplicationScoped
@Transactional
public class ProfileService {

    private final AssessmentAccess assessments;
    private final TeamAccess teams;
    private final TenantRepository tenants;
    private final Caller caller;
    private final AssessmentProfiles profiles;
    private final ProfileActions actions;
    private final ProfileViews views;
    private final ProfilePublications publications;

    ProfileService(AssessmentAccess assessments, TeamAccess teams, TenantRepository tenants, Caller caller,
            AssessmentProfiles profiles, ProfileActions actions, ProfileViews views, ProfilePublications publications) {
        this.publications = publications;
        this.actions = actions;
        this.views = views;
        this.assessments = assessments;
        this.teams = teams;
        this.tenants = tenants;
        this.caller = caller;
        this.profiles = profiles;
    }

    /**
     * The profile as JSON: a closed assessment's is serialized once and kept; one that measures team actions is
     * serialized with them on each read, as actions change after the round closed.
     */
    public byte[] profileJson(UUID assessmentId) {
        Assessment assessment = readable(assessmentId);
        Tenant tenant = currentTenant();
        List<ProfileActionEffect> measured = measuredActions(assessment, tenant);
        return measured.isEmpty() ? profiles.json(assessment, tenant)
                : views.json(profiles.view(assessment, tenant).withActions(measured));
    }

    public ProfileView profile(UUID assessmentId) {
        Assessment assessment = readable(assessmentId);
        Tenant tenant = currentTenant();
        ProfileView profile = profiles.view(assessment, tenant);
        List<ProfileActionEffect> measured = measuredActions(assessment, tenant);
        return measured.isEmpty() ? profile : profile.withActions(measured);
    }

    /** The team actions a closed round with an available profile measures; none for any other. */
    private List<ProfileActionEffect> measuredActions(Assessment assessment, Tenant tenant) {
        if (assessment.status != AssessmentStatus.CLOSED) {
            return List.of();
        }
        List<ProfileActionEffect> measured = actions.measuredIn(assessment, tenant);
        // Only beside an available profile: a suppressed round shows no figure at all, not even an action's.
        return measured.isEmpty() || profiles.view(assessment, tenant).status() != ProfileStatus.AVAILABLE ? List.of()
                : measured;
    }

    /** Each closed round shows exactly its final profile (the same numbers, the same suppression). */
    public TrendView trend(UUID teamId) {
        readableTeam(teamId);
        return profiles.trend(teamId, currentTenant());
    }

    /** The trend with the team's name, for its picture: the same access and numbers as {@link #trend(UUID)}. */
    public TeamTrend teamTrend(UUID teamId) {
        Team team = readableTeam(teamId);
        return new TeamTrend(team.name, profiles.trend(teamId, currentTenant()));
    }

    /**
     * A round's profile for its pictures: exactly {@link #profile(UUID)} (the same access checks and suppression), with
     * the team's name and, for the report, the team's trend (readable by whoever reads the profile: the same rule).
     */
    public ProfileReport report(UUID assessmentId, boolean withTrend) {
        Assessment assessment = readable(assessmentId);
        // A member reading a published round sees that round only: the trend shows rounds that may not be published.
        boolean trend = withTrend && readsTheTrend(assessment.teamId);
        Tenant tenant = currentTenant();
        ProfileView profile = profiles.view(assessment, tenant);
        List<ProfileActionEffect> measured = measuredActions(assessment, tenant);
        Team team = teams.readable(assessment.teamId);
        return new ProfileReport(team.name, assessment.title, assessment.round, assessment.closedAt,
                measured.isEmpty() ? profile : profile.withActions(measured),
                trend ? profiles.trend(assessment.teamId, tenant) : null);
    }

    private boolean readsTheTrend(UUID teamId) {
        try {
            readableTeam(teamId);
            return true;
        } catch (ProblemException e) {
            return false;
        }
    }

    private Team readableTeam(UUID teamId) {
        Team team = teams.readable(teamId);
        if (!teams.seesAllTeams()) {
            teams.manageable(teamId);
        }
        return team;
    }

    private Assessment readable(UUID assessmentId) {
        Assessment assessment = assessments.readable(assessmentId); // 404 unless the caller sees the round's team
        if (teams.seesAllTeams()) {
            return assessment;
        }
        try {
            teams.manageable(assessment.teamId);
            return assessment;
        } catch (ProblemException e) {
            if (e.type() != ProblemType.FORBIDDEN) {
                throw e;
            }
        }
        // A member of the team who does not lead it: only a published profile, and as if no other existed.
        if (!publications.published(assessmentId)) {
            throw ProblemException.notFound("Profile");
        }
        return assessment;
    }

    private Tenant currentTenant() {
        return caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
