package app.asynchealth.assessment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.ParticipationRepresentations.Counts;
import app.asynchealth.assessment.ParticipationRepresentations.RoundParticipation;
import app.asynchealth.assessment.ParticipationRepresentations.TeamParticipation;
import app.asynchealth.team.TeamAccess;

/**
 * Participation as counts: who may read it is who may manage the team (its lead, tenant admins) or see every team
 * (HR analysts). Members do not: per-round counts of a small team come close to telling who did not answer.
 */
@ApplicationScoped
@Transactional
public class ParticipationService {

    static final int MAX_ROUNDS = 100;

    private final AssessmentAccess access;
    private final AssessmentRepository assessments;
    private final TeamAccess teams;

    ParticipationService(AssessmentAccess access, AssessmentRepository assessments, TeamAccess teams) {
        this.access = access;
        this.assessments = assessments;
        this.teams = teams;
    }

    public RoundParticipation round(UUID assessmentId) {
        Assessment assessment = access.readable(assessmentId);
        if (!teams.seesAllTeams()) {
            teams.manageable(assessment.teamId);
        }
        return RoundParticipation.of(assessment,
                assessments.participation(List.of(assessmentId)).getOrDefault(assessmentId, Counts.NONE));
    }

    /** The team's rounds that were opened, newest first, at most {@code limit}. */
    public TeamParticipation team(UUID teamId, int limit) {
        teams.readable(teamId);
        if (!teams.seesAllTeams()) {
            teams.manageable(teamId);
        }
        List<Assessment> rounds = assessments.openedRoundsOf(teamId, limit);
        Map<UUID, Counts> counts = assessments.participation(rounds.stream().map(round -> round.id).toList());
        return TeamParticipation.of(teamId, rounds.stream()
                .map(round -> RoundParticipation.of(round, counts.getOrDefault(round.id, Counts.NONE))).toList());
    }
}
