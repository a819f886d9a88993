package app.asynchealth.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentAccess;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.assessment.template.TemplateService;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.scoring.ProfileRepresentations.Comparison;
import app.asynchealth.scoring.ProfileRepresentations.ProfileStatus;
import app.asynchealth.scoring.ProfileRepresentations.ProfileView;
import app.asynchealth.scoring.ProfileRepresentations.TrendView;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.ProfileCalculator;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.team.TeamAccess;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;

/**
 * Team profiles and trends. The anonymity rule lives here, before any number is computed: a profile appears only for a
 * closed assessment with at least its threshold of submitted responses; otherwise it says why and shows counts only.
 */
@ApplicationScoped
@Transactional
public class ProfileService {

    private final AssessmentAccess assessments;
    private final AssessmentRepository assessmentRepository;
    private final TeamAccess teams;
    private final TemplateService templates;
    private final ScoringModels models;
    private final BenchmarkDataset benchmarks;
    private final TenantRepository tenants;
    private final Caller caller;
    private final SqlAggregates aggregates;
    private final ClosedProfiles closedProfiles;
    private final ProfileSnapshotRepository snapshots;
    private final ProfileViews views;
    private final java.time.Clock clock;

    ProfileService(AssessmentAccess assessments, AssessmentRepository assessmentRepository, TeamAccess teams,
            TemplateService templates, ScoringModels models, BenchmarkDataset benchmarks, TenantRepository tenants,
            Caller caller, SqlAggregates aggregates, ClosedProfiles closedProfiles, ProfileSnapshotRepository snapshots,
            java.time.Clock clock, ProfileViews views) {
        this.views = views;
        this.snapshots = snapshots;
        this.clock = clock;
        this.aggregates = aggregates;
        this.closedProfiles = closedProfiles;
        this.assessments = assessments;
        this.assessmentRepository = assessmentRepository;
        this.teams = teams;
        this.templates = templates;
        this.models = models;
        this.benchmarks = benchmarks;
        this.tenants = tenants;
        this.caller = caller;
    }

    /** The profile as JSON: a closed assessment's is serialized once and kept. */
    public byte[] profileJson(UUID assessmentId) {
        Assessment assessment = readableByLeadsAndAnalysts(assessmentId);
        Tenant tenant = currentTenant();
        if (assessment.status == AssessmentStatus.CLOSED) {
            return closed(assessment, tenant).json();
        }
        return views.json(openProfile(assessment, tenant));
    }

    public ProfileView profile(UUID assessmentId) {
        Assessment assessment = readableByLeadsAndAnalysts(assessmentId);
        Tenant tenant = currentTenant();
        return assessment.status == AssessmentStatus.CLOSED ? closed(assessment, tenant).view()
                : openProfile(assessment, tenant);
    }

    /** The dimensions an assessment's template is scored in, in the model's order. */
    public List<String> dimensionKeys(Assessment assessment) {
        return List.copyOf(model(assessment).dimensions().keySet());
    }

    /** The final profile of a closed assessment, for callers that have checked access to it. */
    public ProfileView closedProfile(Assessment assessment, Tenant tenant) {
        return closed(assessment, tenant).view();
    }

    /**
     * The final profiles of a batch of closed assessments, for bulk reads: the same outcome as
     * {@link #closedProfile(Assessment, Tenant)} of each, with the counts and aggregates of the whole batch read in a few queries.
     * Nothing is cached. Assessments with a live snapshot (rare) take the one-by-one path, which knows its rule.
     */
    public Map<UUID, ProfileView> closedProfilesUncached(List<Assessment> batch, Tenant tenant) {
        Map<UUID, ProfileView> profiles = new HashMap<>();
        String segments = segmentKey(tenant);
        List<Assessment> missing = new ArrayList<>();
        for (Assessment assessment : batch) {
            closedProfiles.peek(tenant.id, assessment.id, segments)
                    .ifPresentOrElse(view -> profiles.put(assessment.id, view), () -> missing.add(assessment));
        }
        if (missing.isEmpty()) {
            return profiles;
        }
        Comparison comparison = views.comparison(tenant);
        Set<UUID> snapshotted = new HashSet<>(assessmentRepository.getEntityManager().createQuery(
                "select s.assessmentId from ProfileSnapshot s where s.assessmentId in :ids", UUID.class)
                .setParameter("ids", missing.stream().map(assessment -> assessment.id).toList()).getResultList());
        Map<String, List<Assessment>> byTemplate = new LinkedHashMap<>();
        for (Assessment assessment : missing) {
            if (snapshotted.contains(assessment.id)) {
                profiles.put(assessment.id, closedProfile(assessment, tenant, comparison));
            } else {
                byTemplate.computeIfAbsent(assessment.templateKey + "/" + assessment.templateVersion, key -> new ArrayList<>())
                        .add(assessment);
            }
        }
        byTemplate.values().forEach(sameTemplate -> {
            ScoringModel model = model(sameTemplate.get(0));
            Map<UUID, Aggregates> each = aggregates.ofEach(sameTemplate.stream().map(assessment -> assessment.id).toList(),
                    model);
            for (Assessment assessment : sameTemplate) {
                Aggregates aggregated = each.get(assessment.id);
                profiles.put(assessment.id, aggregated.respondents() < assessment.anonymityThreshold
                        ? views.suppressed(assessment, aggregated.respondents(), comparison)
                        : computed(assessment, model, tenant, comparison, aggregated.respondents(), aggregated, null));
            }
        });
        return profiles;
    }

    /** Closed: responses, threshold and template are fixed, so the outcome is too, suppressed or not. */
    private ClosedProfiles.Cached closed(Assessment assessment, Tenant tenant) {
        return closedProfiles.get(tenant.id, assessment.id, segmentKey(tenant),
                () -> closedProfile(assessment, tenant, views.comparison(tenant)));
    }

    private static String segmentKey(Tenant tenant) {
        return String.join(",", new java.util.TreeSet<>(segments(tenant)));
    }

    private ProfileView openProfile(Assessment assessment, Tenant tenant) {
        Comparison comparison = views.comparison(tenant);
        if (assessment.status == AssessmentStatus.OPEN && tenant.liveProfiles) {
            return liveProfile(assessment, tenant, comparison);
        }
        return views.pending(assessment, assessmentRepository.submittedCount(assessment.id), comparison);
    }

    /**
     * A live profile is a stored snapshot, renewed only once at least the threshold of new submissions has arrived, so
     * that two profiles a lead sees never differ by fewer respondents than the threshold.
     */
    private ProfileView liveProfile(Assessment assessment, Tenant tenant, Comparison comparison) {
        long respondents = assessmentRepository.submittedCount(assessment.id);
        ProfileSnapshot snapshot = snapshots.find("assessmentId", assessment.id)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (snapshot == null && respondents < assessment.anonymityThreshold) {
            return views.suppressed(assessment, respondents, comparison);
        }
        if (snapshot != null && submittedSince(assessment.id, snapshot.takenAt) < assessment.anonymityThreshold) {
            return snapshot.profile.asSnapshot(ProfileStatus.LIVE, "A live snapshot of " + snapshot.respondents
                    + " responses; it is renewed after " + assessment.anonymityThreshold + " more submissions.",
                    snapshot.takenAt);
        }
        Instant takenAt = clock.instant();
        ProfileView profile = computed(assessment, tenant, comparison, respondents,
                snapshot == null ? null : snapshot.takenAt);
        if (snapshot == null) {
            snapshot = new ProfileSnapshot();
            snapshot.assessmentId = assessment.id;
        }
        snapshot.takenAt = takenAt;
        snapshot.respondents = (int) respondents;
        snapshot.profile = profile;
        snapshots.persistAndFlush(snapshot);
        return profile.asSnapshot(ProfileStatus.LIVE, null, takenAt);
    }

    private ProfileView closedProfile(Assessment assessment, Tenant tenant, Comparison comparison) {
        long respondents = assessmentRepository.submittedCount(assessment.id);
        ProfileSnapshot snapshot = snapshots.find("assessmentId", assessment.id).firstResult();
        if (snapshot != null && submittedSince(assessment.id, snapshot.takenAt) < assessment.anonymityThreshold) {
            // Fewer than the threshold answered after the last live snapshot: the final profile stays that snapshot.
            return snapshot.profile.asSnapshot(ProfileStatus.AVAILABLE, "Left out to keep them anonymous: "
                    + (respondents - snapshot.respondents) + " response(s) submitted after the last live snapshot.",
                    snapshot.takenAt);
        }
        if (respondents < assessment.anonymityThreshold) {
            return views.suppressed(assessment, respondents, comparison);
        }
        return computed(assessment, tenant, comparison, respondents, snapshot == null ? null : snapshot.takenAt);
    }

    /**
     * @param lastSnapshot when the profile renews a live snapshot, when that was taken: each question then also needs
     *        the threshold of answers submitted since, so that no two profiles differ by fewer answers to a question
     */
    private ProfileView computed(Assessment assessment, Tenant tenant, Comparison comparison, long respondents,
            Instant lastSnapshot) {
        ScoringModel model = model(assessment);
        return computed(assessment, model, tenant, comparison, respondents,
                aggregates.of(List.of(assessment.id), model),
                lastSnapshot == null ? null : aggregates.answeredSince(assessment.id, lastSnapshot));
    }

    /** Aggregated by the database: no answer row is loaded. The threshold is applied figure by figure. */
    private ProfileView computed(Assessment assessment, ScoringModel model, Tenant tenant, Comparison comparison,
            long respondents, Aggregates aggregated, Map<String, Long> newAnswers) {
        TeamProfile profile = new ProfileCalculator(model, benchmarks::benchmark).compute(aggregated, segments(tenant),
                assessment.anonymityThreshold, newAnswers);
        return views.available(assessment, respondents, comparison, profile, model);
    }

    private long submittedSince(UUID assessmentId, Instant since) {
        return assessmentRepository.getEntityManager().createQuery("""
                select count(r) from AssessmentResponse r
                where r.assessmentId = :id and r.status = app.asynchealth.response.ResponseStatus.SUBMITTED
                  and r.submittedAt > :since""", Long.class)
                .setParameter("id", assessmentId).setParameter("since", since).getSingleResult();
    }

    /** Each closed round shows exactly its final profile (the same numbers, the same suppression). */
    public TrendView trend(UUID teamId) {
        teams.readable(teamId);
        if (!teams.seesAllTeams()) {
            teams.manageable(teamId);
        }
        Tenant tenant = currentTenant();
        List<Assessment> closed = assessmentRepository.list("teamId = ?1 and status = ?2 order by closedAt, id", teamId,
                AssessmentStatus.CLOSED);
        return views.trend(teamId, closed, assessment -> closed(assessment, tenant).view());
    }

    private Assessment readableByLeadsAndAnalysts(UUID assessmentId) {
        Assessment assessment = assessments.readable(assessmentId);
        if (!teams.seesAllTeams()) {
            teams.manageable(assessment.teamId);
        }
        return assessment;
    }

    private ScoringModel model(Assessment assessment) {
        return models.forTemplate(templates.get(assessment.templateKey, assessment.templateVersion))
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "This template has no scoring model."));
    }

    private Tenant currentTenant() {
        return caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }

    static Set<String> segments(Tenant tenant) {
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
