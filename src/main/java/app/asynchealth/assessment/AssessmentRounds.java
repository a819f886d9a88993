package app.asynchealth.assessment;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;
import app.asynchealth.assessment.template.TemplateService;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.tenant.TenantRepository;

/**
 * Rounds the service opens by itself (a team's schedule), in the tenant the current unit of work is bound to. No caller
 * is asked: whoever set the schedule was checked then. The rules are a created assessment's: the tenant's anonymity
 * threshold, a template that exists, and the chain to the previous round of the same team.
 */
@ApplicationScoped
public class AssessmentRounds {

    private final AssessmentRepository assessments;
    private final TemplateService templates;
    private final TenantRepository tenants;

    AssessmentRounds(AssessmentRepository assessments, TemplateService templates, TenantRepository tenants) {
        this.assessments = assessments;
        this.templates = templates;
        this.tenants = tenants;
    }

    /** Creates the round already open (at {@code now}); it closes by itself at {@code closesAt} (AssessmentLifecycle). */
    public Assessment openRound(String tenantId, UUID teamId, String title, TemplateRef template, Instant opensAt,
            Instant closesAt, UUID previousAssessmentId, Instant now) {
        TemplateDefinition definition = templates.resolve(template, "template");
        Assessment assessment = new Assessment();
        assessment.teamId = teamId;
        assessment.title = title;
        assessment.templateKey = definition.key();
        assessment.templateVersion = definition.version();
        assessment.anonymityThreshold = tenants.findByIdOptional(tenantId)
                .map(tenant -> tenant.anonymityThreshold).orElseThrow(() -> ProblemException.notFound("Tenant"));
        assessment.opensAt = opensAt;
        assessment.closesAt = closesAt;
        if (previousAssessmentId != null) {
            assessments.findByIdOptional(previousAssessmentId).filter(previous -> previous.teamId.equals(teamId))
                    .ifPresent(previous -> {
                        assessment.previousAssessmentId = previous.id;
                        assessment.round = previous.round + 1;
                    });
        }
        assessment.open(now);
        assessments.persist(assessment);
        return assessment;
    }

    /** The template a schedule names, checked now: a missing one is a field error of the schedule. */
    public TemplateRef template(TemplateRef requested, String field) {
        TemplateDefinition definition = templates.resolve(requested, field);
        return new TemplateRef(definition.key(), definition.version());
    }
}
