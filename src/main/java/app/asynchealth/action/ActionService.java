package app.asynchealth.action;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.action.ActionEffects.Measurement;
import app.asynchealth.action.ActionEffects.Session;
import app.asynchealth.action.ActionRepresentations.ActionChanges;
import app.asynchealth.action.ActionRepresentations.ActionView;
import app.asynchealth.action.ActionRepresentations.NewAction;
import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.Problem.FieldError;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.scoring.AssessmentProfiles;
import app.asynchealth.scoring.ProfileComputation;
import app.asynchealth.scoring.ProfileRepresentations.ProfileStatus;
import app.asynchealth.scoring.ProfileRepresentations.ProfileView;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;
import app.asynchealth.team.TeamAccess;
import app.asynchealth.team.TeamMemberRepository;
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
    private final TeamMemberRepository members;
    private final AssessmentRepository assessments;
    private final AssessmentProfiles profiles;
    private final ProfileComputation computation;
    private final ActionEffects effects;
    private final TenantRepository tenants;
    private final Caller caller;
    private final Pagination pagination;
    private final Clock clock;
    private final RecommendationCatalog catalog = RecommendationCatalog.load();

    ActionService(TeamActionRepository actions, TeamAccess access, TeamMemberRepository members,
            AssessmentRepository assessments, AssessmentProfiles profiles, ProfileComputation computation,
            ActionEffects effects, TenantRepository tenants, Caller caller, Pagination pagination, Clock clock) {
        this.actions = actions;
        this.access = access;
        this.members = members;
        this.assessments = assessments;
        this.profiles = profiles;
        this.computation = computation;
        this.effects = effects;
        this.tenants = tenants;
        this.caller = caller;
        this.pagination = pagination;
        this.clock = clock;
    }

    public Versioned<ActionView> create(UUID teamId, NewAction request) {
        access.manageable(teamId);
        Tenant tenant = currentTenant();
        List<FieldError> errors = new ArrayList<>();
        Assessment baseline = assessments.findByIdOptional(request.baselineAssessmentId())
                .filter(round -> round.teamId.equals(teamId)).orElse(null);
        ProfileView profile = null;
        ScoringModel model = null;
        if (baseline == null) {
            errors.add(new FieldError("baselineAssessmentId", "must be a closed assessment of this team"));
        } else if (baseline.status != AssessmentStatus.CLOSED) {
            errors.add(new FieldError("baselineAssessmentId", "must be a closed assessment: this one is "
                    + baseline.status.name().toLowerCase()));
        } else {
            profile = profiles.closedProfile(baseline, tenant);
            model = modelOf(baseline).orElse(null);
            if (profile.status() != ProfileStatus.AVAILABLE || model == null) {
                errors.add(new FieldError("baselineAssessmentId",
                        "must have an available profile: this round's is " + profile.status().name().toLowerCase()));
                profile = null;
            }
        }
        String title = request.title();
        String metric = request.metric();
        if (request.recommendationKey() != null && profile != null) {
            Optional<Recommendation> recommended = profile.recommendations() == null ? Optional.empty()
                    : profile.recommendations().stream()
                            .filter(recommendation -> recommendation.key().equals(request.recommendationKey()))
                            .findFirst();
            if (recommended.isEmpty()) {
                errors.add(new FieldError("recommendationKey",
                        "must be one of the recommendations of the baseline round's profile"
                                + (profile.recommendations() == null || profile.recommendations().isEmpty() ? " (it has none)"
                                        : ": " + String.join(", ", profile.recommendations().stream()
                                                .map(Recommendation::key).toList()))));
            } else {
                title = title != null ? title : recommended.get().title();
                metric = metric != null ? metric : catalog.metricOf(recommended.get().key()).orElse(null);
            }
        }
        if (title == null && (request.recommendationKey() == null || profile != null)) {
            errors.add(new FieldError("title", "is required without a recommendationKey"));
        }
        if (metric == null) {
            if (request.recommendationKey() == null) {
                errors.add(new FieldError("metric", "is required without a recommendationKey"));
            }
        } else if (model != null && metricOf(model, metric).isEmpty()) {
            errors.add(new FieldError("metric", "must be a metric of the baseline round's scoring model: "
                    + String.join(", ", model.metrics().stream().map(MetricDefinition::key).toList())));
        }
        if (members.inTeam(teamId, request.ownerMemberId()).isEmpty()) {
            errors.add(new FieldError("ownerMemberId", "must be a member of this team"));
        }
        if (request.dueDate().isBefore(today())) {
            errors.add(new FieldError("dueDate", "must be today (UTC) or later"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request is not valid.", errors);
        }
        TeamAction action = new TeamAction();
        action.teamId = teamId;
        action.recommendationKey = request.recommendationKey();
        action.title = title.strip();
        action.description = request.description();
        action.metric = metric;
        action.ownerMemberId = request.ownerMemberId();
        action.dueDate = request.dueDate();
        action.baselineAssessmentId = baseline.id;
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
        List<FieldError> errors = new ArrayList<>();
        if (changes.ownerMemberId() != null && members.inTeam(teamId, changes.ownerMemberId()).isEmpty()) {
            errors.add(new FieldError("ownerMemberId", "must be a member of this team"));
        }
        boolean newDueDate = changes.dueDate() != null && !changes.dueDate().equals(action.dueDate);
        if (newDueDate && changes.dueDate().isBefore(today())) {
            errors.add(new FieldError("dueDate", "must be today (UTC) or later"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request is not valid.", errors);
        }
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

    private Optional<ScoringModel> modelOf(Assessment round) {
        try {
            return Optional.of(computation.model(round));
        } catch (ProblemException noModel) {
            return Optional.empty();
        }
    }

    private static Optional<MetricDefinition> metricOf(ScoringModel model, String key) {
        return model.metrics().stream().filter(metric -> metric.key().equals(key)).findFirst();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private Tenant currentTenant() {
        return caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
