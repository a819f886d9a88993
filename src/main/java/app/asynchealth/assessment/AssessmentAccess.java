package app.asynchealth.assessment;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.team.TeamAccess;

/** An assessment is visible and manageable exactly as its team is (see {@link TeamAccess}). */
@ApplicationScoped
public class AssessmentAccess {

    private final AssessmentRepository assessments;
    private final TeamAccess teams;

    AssessmentAccess(AssessmentRepository assessments, TeamAccess teams) {
        this.assessments = assessments;
        this.teams = teams;
    }

    public Assessment readable(UUID id) {
        Assessment assessment = assessments.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Assessment"));
        if (teams.seesAllTeams()) {
            return assessment; // every team of the tenant is visible, and the assessment's team is one of them
        }
        try {
            teams.readable(assessment.teamId);
        } catch (ProblemException e) {
            throw ProblemException.notFound("Assessment");
        }
        return assessment;
    }

    public Assessment manageable(UUID id) {
        Assessment assessment = readable(id);
        teams.manageable(assessment.teamId);
        return assessment;
    }

    /** For status changes: the same checks, then the current row read again FOR UPDATE. */
    public Assessment manageableForUpdate(UUID id) {
        Assessment assessment = manageable(id);
        assessments.getEntityManager().refresh(assessment, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return assessment;
    }

    public boolean seesAllTeams() {
        return teams.seesAllTeams();
    }
}
