package app.asynchealth.scoring;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.template.TemplateService;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.ProfileCalculator;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.tenant.Tenant;

/**
 * Turns an assessment's submitted responses into a {@link TeamProfile}: aggregated by the database (no answer row is
 * loaded), scored by its template's model against the benchmarks of the tenant's segments, the threshold applied figure
 * by figure. Whether a profile may be computed at all is decided by the caller.
 */
@ApplicationScoped
public class ProfileComputation {

    private final TemplateService templates;
    private final ScoringModels models;
    private final BenchmarkDataset benchmarks;
    private final SqlAggregates aggregates;

    ProfileComputation(TemplateService templates, ScoringModels models, BenchmarkDataset benchmarks,
            SqlAggregates aggregates) {
        this.templates = templates;
        this.models = models;
        this.benchmarks = benchmarks;
        this.aggregates = aggregates;
    }

    public ScoringModel model(Assessment assessment) {
        return models.forTemplate(templates.get(assessment.templateKey, assessment.templateVersion))
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "This template has no scoring model."));
    }

    public Aggregates aggregates(Assessment assessment, ScoringModel model) {
        return aggregates.of(List.of(assessment.id), model);
    }

    /**
     * When the profile renews a live snapshot, each question's answers since it was taken: each question then also
     * needs the threshold of them, so that no two profiles differ by fewer answers to a question. Null without one.
     */
    public Map<String, Long> answeredSince(Assessment assessment, Instant lastSnapshot) {
        return lastSnapshot == null ? null : aggregates.answeredSince(assessment.id, lastSnapshot);
    }

    /** For bulk reads: the aggregates of each assessment of a batch that shares one model, in a few queries. */
    public Map<UUID, Aggregates> aggregatesOfEach(List<Assessment> sameModel, ScoringModel model) {
        return aggregates.ofEach(sameModel.stream().map(assessment -> assessment.id).toList(), model);
    }

    /** @param newAnswers per question, its answers since the last live snapshot; null when there is none */
    public TeamProfile compute(Assessment assessment, ScoringModel model, Tenant tenant, Aggregates aggregated,
            Map<String, Long> newAnswers) {
        return new ProfileCalculator(model, benchmarks::benchmark).compute(aggregated, segments(tenant),
                assessment.anonymityThreshold, newAnswers);
    }

    /** The tenant's report segments, which pick the benchmark figures a profile is compared with. */
    public static Set<String> segments(Tenant tenant) {
        Set<String> segments = new HashSet<>();
        if (tenant.companySize != null) {
            segments.add("companySize:" + tenant.companySize.name());
        }
        if (tenant.workingStyle != null) {
            segments.add("workingStyle:" + tenant.workingStyle.name());
        }
        return segments;
    }
}
