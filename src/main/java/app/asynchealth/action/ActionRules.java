package app.asynchealth.action;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.action.ActionRepresentations.ActionChanges;
import app.asynchealth.action.ActionRepresentations.NewAction;
import app.asynchealth.action.FinalProfiles.FinalProfile;
import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.Problem.FieldError;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.recommendation.RecommendationCatalog.Recommendation;
import app.asynchealth.scoring.ProfileComputation;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;
import app.asynchealth.team.TeamMemberRepository;
import app.asynchealth.tenant.Tenant;

/**
 * What an adopted or changed action must satisfy, checked all at once so that one 400 names every field: the baseline
 * is a closed round of the team with an available profile, a recommendation is one that profile makes, the metric is
 * one of its scoring model, the owner is a member of the team, and a due date is not in the past. Runs in the
 * caller's transaction.
 */
@ApplicationScoped
public class ActionRules {

    /** What an adoption resolves to: its baseline round, and its title and metric (defaulted from the recommendation). */
    public record Adoption(Assessment baseline, String title, String metric) {
    }

    private final TeamMemberRepository members;
    private final AssessmentRepository assessments;
    private final FinalProfiles profiles;
    private final ProfileComputation computation;
    private final Clock clock;
    private final RecommendationCatalog catalog = RecommendationCatalog.load();

    ActionRules(TeamMemberRepository members, AssessmentRepository assessments, FinalProfiles profiles,
            ProfileComputation computation, Clock clock) {
        this.members = members;
        this.assessments = assessments;
        this.profiles = profiles;
        this.computation = computation;
        this.clock = clock;
    }

    public Adoption adoption(UUID teamId, NewAction request, Tenant tenant) {
        List<FieldError> errors = new ArrayList<>();
        Assessment baseline = assessments.findByIdOptional(request.baselineAssessmentId())
                .filter(round -> round.teamId.equals(teamId)).orElse(null);
        FinalProfile profile = null;
        ScoringModel model = null;
        if (baseline == null) {
            errors.add(new FieldError("baselineAssessmentId", "must be a closed assessment of this team"));
        } else if (baseline.status != AssessmentStatus.CLOSED) {
            errors.add(new FieldError("baselineAssessmentId", "must be a closed assessment: this one is "
                    + baseline.status.name().toLowerCase()));
        } else {
            profile = profiles.of(baseline, tenant);
            model = modelOf(baseline).orElse(null);
            if (!profile.available() || model == null) {
                errors.add(new FieldError("baselineAssessmentId",
                        "must have an available profile: this round's is " + profile.status()));
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
        return new Adoption(baseline, title.strip(), metric);
    }

    public void changes(UUID teamId, TeamAction action, ActionChanges changes) {
        List<FieldError> errors = new ArrayList<>();
        if (changes.ownerMemberId() != null && members.inTeam(teamId, changes.ownerMemberId()).isEmpty()) {
            errors.add(new FieldError("ownerMemberId", "must be a member of this team"));
        }
        if (changes.dueDate() != null && !changes.dueDate().equals(action.dueDate)
                && changes.dueDate().isBefore(today())) {
            errors.add(new FieldError("dueDate", "must be today (UTC) or later"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request is not valid.", errors);
        }
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
}
