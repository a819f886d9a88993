package app.asynchealth.action;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.action.ActionEffects.Measurement;
import app.asynchealth.action.ActionEffects.Session;
import app.asynchealth.action.ActionRepresentations.ActionRow;
import app.asynchealth.action.ActionRepresentations.ActionRowPage;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.scoring.Rounding;
import app.asynchealth.team.TeamRepository;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;

/**
 * Every team's actions for HR (analysts, integration tokens, tenant admins), in adoption order: what each team set
 * out to change and, once measured, the published change of its metric. No answer and no respondent: the change is
 * computed from aggregates and shown only where both rounds' figures are published.
 */
@ApplicationScoped
@Transactional
public class ActionFeed {

    public static final String LIST = "action-feed";

    private final TeamActionRepository actions;
    private final TeamRepository teams;
    private final ActionEffects effects;
    private final TenantRepository tenants;
    private final Caller caller;
    private final Pagination pagination;

    ActionFeed(TeamActionRepository actions, TeamRepository teams, ActionEffects effects, TenantRepository tenants,
            Caller caller, Pagination pagination) {
        this.actions = actions;
        this.teams = teams;
        this.effects = effects;
        this.tenants = tenants;
        this.caller = caller;
        this.pagination = pagination;
    }

    public ActionRowPage feed(PageRequest request, Instant updatedSince, UUID teamId) {
        Tenant tenant = caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
        Session session = effects.session(tenant);
        Map<UUID, String> teamNames = new HashMap<>();
        Page<ActionRow> page = pagination.page(LIST, request, actions.page(teamId, updatedSince, request),
                action -> action.id.toString(), action -> {
                    Measurement m = session.measure(action);
                    boolean changed = m.change() != null;
                    String teamName = teamNames.computeIfAbsent(action.teamId,
                            id -> teams.findByIdOptional(id).map(team -> team.name).orElse(null));
                    return new ActionRow(action.teamId, teamName, action.id, action.title, action.metric,
                            action.status, action.dueDate, action.createdAt, action.updatedAt,
                            m.measured() == null ? null : m.measured().round().id,
                            changed ? Rounding.round(m.change().value()) : null,
                            changed ? Rounding.lower(m.change().interval()) : null,
                            changed ? Rounding.upper(m.change().interval()) : null,
                            changed ? ActionEffects.verdict(m.change()) : null);
                });
        return new ActionRowPage(page.items(), page.nextCursor());
    }
}
