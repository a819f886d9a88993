package app.asynchealth.scoring;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.scoring.ProfileRepresentations.ProfileView;
import app.asynchealth.scoring.ProfileRepresentations.TrendView;
import app.asynchealth.team.TeamAccess;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;

/**
 * Who may read which profile and trend: leads of the team, and whoever sees all teams. What the profile is, is
 * {@link AssessmentProfiles}' job.
 */
@ApplicationScoped
@Transactional
public class ProfileService {

    private final AssessmentAccess assessments;
    private final TeamAccess teams;
    private final TenantRepository tenants;
    private final Caller caller;
    private final AssessmentProfiles profiles;

    ProfileService(AssessmentAccess assessments, TeamAccess teams, TenantRepository tenants, Caller caller,
            AssessmentProfiles profiles) {
        this.assessments = assessments;
        this.teams = teams;
        this.tenants = tenants;
        this.caller = caller;
        this.profiles = profiles;
    }

    /** The profile as JSON: a closed assessment's is serialized once and kept. */
    public byte[] profileJson(UUID assessmentId) {
        Assessment assessment = readableByLeadsAndAnalysts(assessmentId);
        return profiles.json(assessment, currentTenant());
    }

    public ProfileView profile(UUID assessmentId) {
        Assessment assessment = readableByLeadsAndAnalysts(assessmentId);
        return profiles.view(assessment, currentTenant());
    }

    /** Each closed round shows exactly its final profile (the same numbers, the same suppression). */
    public TrendView trend(UUID teamId) {
        teams.readable(teamId);
        if (!teams.seesAllTeams()) {
            teams.manageable(teamId);
        }
        return profiles.trend(teamId, currentTenant());
    }

    private Assessment readableByLeadsAndAnalysts(UUID assessmentId) {
        Assessment assessment = assessments.readable(assessmentId);
        if (!teams.seesAllTeams()) {
            teams.manageable(assessment.teamId);
        }
        return assessment;
    }

    private Tenant currentTenant() {
        return caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
