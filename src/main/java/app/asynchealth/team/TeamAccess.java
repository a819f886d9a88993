package app.asynchealth.team;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.security.Roles;

/**
 * Who may see and manage a team. Tenant admins and HR analysts see every team of their tenant; anybody else sees the
 * teams they are a member of. Tenant admins manage every team; a team lead manages the teams they lead. A team the
 * caller may not see does not exist for them (404); one they may see but not manage is 403.
 */
@ApplicationScoped
public class TeamAccess {

    private final TeamRepository teams;
    private final TeamMemberRepository members;
    private final Caller caller;

    TeamAccess(TeamRepository teams, TeamMemberRepository members, Caller caller) {
        this.teams = teams;
        this.members = members;
        this.caller = caller;
    }

    public boolean seesAllTeams() {
        return caller.isTenantAdmin() || caller.hasRole(Roles.HR_ANALYST);
    }

    public Team readable(UUID teamId) {
        var team = seesAllTeams() ? teams.findByIdOptional(teamId) : teams.visibleTo(teamId, caller.subject());
        return team.orElseThrow(() -> ProblemException.notFound("Team"));
    }

    public Team manageable(UUID teamId) {
        Team team = readable(teamId);
        boolean leads = caller.hasRole(Roles.TEAM_LEAD) && members.isLead(teamId, caller.subject());
        if (!caller.isTenantAdmin() && !leads) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a tenant admin or this team's lead may do this.");
        }
        return team;
    }
}
