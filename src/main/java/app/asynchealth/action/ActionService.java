package app.asynchealth.action;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.action.ActionEffects.Measurement;
import app.asynchealth.action.ActionEffects.Session;
import app.asynchealth.action.ActionRepresentations.ActionChanges;
import app.asynchealth.action.ActionRepresentations.ActionView;
import app.asynchealth.action.ActionRepresentations.NewAction;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.team.TeamAccess;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;

/**
 * A team's actions: adopted by its lead or a tenant admin from a closed round's profile, read by whoever sees the
 * team. The figures of an action (its baseline and effect) are shown to those who may read the rounds' profiles:
 * leads of the team and whoever sees all teams; a member sees the action without them.
 */
@ApplicationScoped
@Transactional
public class ActionService {

    static final String LIST = "team-actions";

    private final TeamActionRepository actions;
    private final TeamAccess access;
    private final ActionRules rules;
    private final ActionEffects effects;
    private final TenantRepository tenants;
    private final Caller caller;
    private final Pagination pagination;

    ActionService(TeamActionRepository actions, TeamAccess access, ActionRules rules, ActionEffects effects,
            TenantRepository tenants, Caller caller, Pagination pagination) {
        this.actions = actions;
        this.access = access;
        this.rules = rules;
        this.effects = effects;
        this.tenants = tenants;
        this.caller = caller;
        this.pagination = pagination;
    }

    public Versioned<ActionView> create(UUID teamId, NewAction request) {
        access.manageable(teamId);
        Tenant tenant = currentTenant();
        ActionRules.Adoption adoption = rules.adoption(teamId, request, tenant);
        TeamAction action = new TeamAction();
        action.teamId = teamId;
        action.recommendationKey = request.recommendationKey();
        action.title = adoption.title();
        action.description = request.description();
        action.metric = adoption.metric();
        action.ownerMemberId = request.ownerMemberId();
        action.dueDate = request.dueDate();
        action.baselineAssessmentId = adoption.baseline().id;
        action.charterSection = request.charterSection();
        actions.persistAndFlush(action);
        return versioned(action, effects.session(tenant), true);
    }

    public Page<ActionView> list(UUID teamId, PageRequest request) {
        access.readable(teamId);
        boolean withFigures = readsProfiles(teamId);
        Session session = effects.session(currentTenant());
        return pagination.page(LIST, request, actions.page(teamId, request), action -> action.id.toString(),
                action -> view(action, session, withFigures));
    }

    public Versioned<ActionView> get(UUID teamId, UUID actionId) {
        access.readable(teamId);
        TeamAction action = find(teamId, actionId);
        return versioned(action, effects.session(currentTenant()), readsProfiles(teamId));
    }

    public Versioned<ActionView> update(UUID teamId, UUID actionId, ActionChanges changes, String ifMatch) {
        access.manageable(teamId);
        TeamAction action = find(teamId, actionId);
        EntityTags.requireMatch(ifMatch, action.version);
        rules.changes(teamId, action, changes);
        boolean newDueDate = changes.dueDate() != null && !changes.dueDate().equals(action.dueDate);
        if (changes.title() != null) {
            action.title = changes.title().strip();
        }
        if (changes.description() != null) {
            action.description = changes.description();
        }
        if (changes.status() != null) {
            action.status = changes.status();
        }
        if (changes.ownerMemberId() != null) {
            action.ownerMemberId = changes.ownerMemberId();
        }
        if (newDueDate) {
            action.dueDate = changes.dueDate();
            action.dueNotifiedAt = null; // a new due date is announced again when it comes
        }
        actions.flush();
        return versioned(action, effects.session(currentTenant()), true);
    }

    public void delete(UUID teamId, UUID actionId, String ifMatch) {
        access.manageable(teamId);
        TeamAction action = find(teamId, actionId);
        EntityTags.requireMatch(ifMatch, action.version);
        actions.delete(action);
        actions.flush();
    }

    private TeamAction find(UUID teamId, UUID actionId) {
        return actions.inTeam(teamId, actionId).orElseThrow(() -> ProblemException.notFound("Action"));
    }

    /** Whoever may read the team's profiles (ProfileService): whoever sees all teams, and the team's leads. */
    private boolean readsProfiles(UUID teamId) {
        if (access.seesAllTeams()) {
            return true;
        }
        try {
            access.manageable(teamId);
            return true;
        } catch (ProblemException e) {
            if (e.type() == ProblemType.FORBIDDEN) {
                return false;
            }
            throw e;
        }
    }

    private Versioned<ActionView> versioned(TeamAction action, Session session, boolean withFigures) {
        return new Versioned<>(view(action, session, withFigures), action.version);
    }

    static ActionView view(TeamAction action, Session session, boolean withFigures) {
        Measurement m = session.measure(action);
        return new ActionView(action.id, action.teamId, action.recommendationKey, action.title, action.description,
                action.metric, m.metric() == null ? null : m.metric().label(),
                m.metric() == null ? null : m.metric().healthier(), action.ownerMemberId, action.dueDate, action.status,
                action.charterSection, ActionEffects.baselineView(m.baseline(), withFigures),
                m.measured() == null ? null : ActionEffects.effectView(m, withFigures), action.dueNotifiedAt,
                action.createdAt, action.updatedAt);
    }

    private Tenant currentTenant() {
        return caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
