package app.asynchealth.team;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.TeamRepresentations.NewTeam;
import app.asynchealth.team.TeamRepresentations.TeamChanges;
import app.asynchealth.team.TeamRepresentations.TeamView;

@ApplicationScoped
@Transactional
public class TeamService {

    static final String LIST = "teams";

    private final TeamRepository teams;
    private final TeamAccess access;
    private final Caller caller;
    private final Pagination pagination;

    TeamService(TeamRepository teams, TeamAccess access, Caller caller, Pagination pagination) {
        this.teams = teams;
        this.access = access;
        this.caller = caller;
        this.pagination = pagination;
    }

    public Versioned<TeamView> create(NewTeam request) {
        String name = request.name().strip();
        requireFreeName(name, null);
        Team team = new Team();
        team.name = name;
        team.description = request.description();
        teams.persistAndFlush(team);
        return new Versioned<>(TeamView.of(team), team.version);
    }

    public Page<TeamView> list(PageRequest request) {
        var page = access.seesAllTeams() ? teams.page(request) : teams.page(request, caller.subject());
        return pagination.page(LIST, request, page, team -> team.id.toString(), TeamView::of);
    }

    public Versioned<TeamView> get(UUID id) {
        Team team = access.readable(id);
        return new Versioned<>(TeamView.of(team), team.version);
    }

    public Versioned<TeamView> update(UUID id, TeamChanges changes, String ifMatch) {
        Team team = access.manageable(id);
        EntityTags.requireMatch(ifMatch, team.version);
        if (changes.name() != null) {
            String name = changes.name().strip();
            requireFreeName(name, team.id);
            team.name = name;
        }
        if (changes.description() != null) {
            team.description = changes.description();
        }
        teams.flush();
        return new Versioned<>(TeamView.of(team), team.version);
    }

    public void delete(UUID id, String ifMatch) {
        Team team = access.readable(id);
        if (!caller.isTenantAdmin()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a tenant admin may delete a team.");
        }
        EntityTags.requireMatch(ifMatch, team.version);
        // Locked first, so that an assessment created meanwhile is either counted here or refused for the team gone.
        teams.getEntityManager().lock(team, LockModeType.PESSIMISTIC_WRITE);
        long[] counts = teams.assessmentCounts(id);
        long all = counts[0];
        long drafts = counts[1];
        if (all > 0) {
            throw new ProblemException(ProblemType.TEAM_HAS_ASSESSMENTS, drafts == all
                    ? "The team has " + all + " draft assessment(s): delete them first (DELETE /api/v1/assessments/{id}),"
                            + " then the team."
                    : "The team has assessments that were opened; their results are the team's history, so the team"
                            + " is kept. Rename it (PATCH) instead, or remove its members.");
        }
        teams.delete(team);
        teams.flush();
    }

    private void requireFreeName(String name, UUID except) {
        if (teams.nameTaken(name, except)) {
            throw new ProblemException(ProblemType.CONFLICT, "Your tenant already has a team named '" + name + "'.");
        }
    }
}
