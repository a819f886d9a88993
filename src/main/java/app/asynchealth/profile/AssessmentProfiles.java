package app.asynchealth.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.profile.ProfileRepresentations.Comparison;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.profile.ProfileRepresentations.TrendView;
import app.asynchealth.scoring.ProfileComputation;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The profile an assessment shows, by its state, for callers that have checked access to it. The anonymity rule lives
 * here, before any number is computed: a profile appears only for a closed assessment with at least its threshold of
 * submitted responses (or, for tenants with live profiles, as a live snapshot of an open one); otherwise it says why and
 * shows counts only.
 */
@ApplicationScoped
@Transactional
public class AssessmentProfiles {

    private final AssessmentRepository assessments;
    private final ClosedProfiles closedProfiles;
    private final LiveSnapshots snapshots;
    private final ProfileComputation computation;
    private final ProfileViews views;
    private final ClosedProfileStore stored;
    private final NormGapViews normGaps;
    private final Clock clock;

    AssessmentProfiles(AssessmentRepository assessments, ClosedProfiles closedProfiles, LiveSnapshots snapshots,
            ProfileComputation computation, ProfileViews views, ClosedProfileStore stored, NormGapViews normGaps,
            Clock clock) {
        this.assessments = assessments;
        this.normGaps = normGaps;
        this.clock = clock;
        this.stored = stored;
        this.closedProfiles = closedProfiles;
        this.snapshots = snapshots;
        this.computation = computation;
        this.views = views;
    }

    /** The profile as JSON: a closed assessment's is serialized once and kept. */
    public byte[] json(Assessment assessment, Tenant tenant) {
        return assessment.status == AssessmentStatus.CLOSED ? closed(assessment, tenant).json()
                : views.json(openProfile(assessment, tenant));
    }

    public ProfileView view(Assessment assessment, Tenant tenant) {
        return assessment.status == AssessmentStatus.CLOSED ? closed(assessment, tenant).view()
                : openProfile(assessment, tenant);
    }

    /** The dimensions an assessment's template is scored in, in the model's order. */
    public List<String> dimensionKeys(Assessment assessment) {
        return List.copyOf(computation.model(assessment).dimensions().keySet());
    }

    /** The final profile of a closed assessment. */
    public ProfileView closedProfile(Assessment assessment, Tenant tenant) {
        return closed(assessment, tenant).view();
    }

    /**
     * Keeps the final profile of an assessment that closes now: called in the closing transaction, after the close has
     * waited for the answers in flight, so the stored row commits or rolls back with the close. A template without a
     * scoring model has no profile to keep (reading it answers that it has none, as before).
     */
    public void keepFinalProfile(Assessment assessment, Tenant tenant) {
        ProfileView profile;
        try {
            profile = finalProfile(assessment, tenant, views.comparison(tenant));
        } catch (ProblemException e) {
            if (e.type() == ProblemType.CONFLICT) {
                return;
            }
            throw e;
        }
        stored.store(tenant.id, assessment.id, segmentKey(tenant), profile);
    }

    /**
     * The final profiles of a batch of closed assessments, for bulk reads: the same outcome as
     * {@link #closedProfile(Assessment, Tenant)} of each, read from the stored rows in one query. Nothing is put in the
     * cache. Those without a row of the tenant's current segments (closed before the rows existed, or the tenant changed
     * its segments since) are computed together, in a few queries, and stored.
     */
    public Map<UUID, ProfileView> closedProfiles(List<Assessment> batch, Tenant tenant) {
        return closedProfiles(batch, tenant, Read.PROFILE);
    }

    /** Which stored column a bulk read parses. */
    private enum Read {
        PROFILE, FIGURES, FEED_FIGURES
    }

    /**
     * The same, for readers of many profiles that use only their figures (scores feed and export, organisation rollup):
     * a profile read from its row has only what {@link ProfileViews#figures} keeps.
     */
    public Map<UUID, ProfileView> closedFigures(List<Assessment> batch, Tenant tenant) {
        return closedProfiles(batch, tenant, Read.FIGURES);
    }

    /** Less again, for the scores feed and export: what {@link ProfileViews#feedFigures} keeps. */
    public Map<UUID, ProfileView> closedFeedFigures(List<Assessment> batch, Tenant tenant) {
        return closedProfiles(batch, tenant, Read.FEED_FIGURES);
    }

    private Map<UUID, ProfileView> closedProfiles(List<Assessment> batch, Tenant tenant, Read read) {
        Map<UUID, ProfileView> profiles = new HashMap<>();
        String segments = segmentKey(tenant);
        List<Assessment> uncached = new ArrayList<>();
        for (Assessment assessment : batch) {
            closedProfiles.peek(tenant.id, assessment.id, segments)
                    .ifPresentOrElse(view -> profiles.put(assessment.id, view), () -> uncached.add(assessment));
        }
        if (uncached.isEmpty()) {
            return profiles;
        }
        List<UUID> ids = uncached.stream().map(assessment -> assessment.id).toList();
        Map<UUID, ProfileView> found = switch (read) {
            case PROFILE -> stored.findAll(ids, segments);
            case FIGURES -> stored.findFigures(ids, segments);
            case FEED_FIGURES -> stored.findFeedFigures(ids, segments);
        };
        profiles.putAll(found);
        List<Assessment> missing = uncached.stream().filter(assessment -> !found.containsKey(assessment.id)).toList();
        if (!missing.isEmpty()) {
            Map<UUID, ProfileView> computed = computeFinalProfiles(missing, tenant);
            profiles.putAll(computed);
            keepLate(tenant, segments, computed);
        }
        return profiles;
    }

    /** Final profiles computed from the answers, the batch's counts and aggregates read in a few queries. */
    private Map<UUID, ProfileView> computeFinalProfiles(List<Assessment> missing, Tenant tenant) {
        Map<UUID, ProfileView> profiles = new HashMap<>();
        Comparison comparison = views.comparison(tenant);
        Set<UUID> snapshotted = snapshots.snapshotted(missing.stream().map(assessment -> assessment.id).toList());
        Map<String, List<Assessment>> byTemplate = new LinkedHashMap<>();
        for (Assessment assessment : missing) {
            if (snapshotted.contains(assessment.id)) {
                profiles.put(assessment.id, finalProfile(assessment, tenant, comparison));
            } else {
                byTemplate.computeIfAbsent(assessment.templateKey + "/" + assessment.templateVersion, key -> new ArrayList<>())
                        .add(assessment);
            }
        }
        byTemplate.values().forEach(sameTemplate -> {
            ScoringModel model = computation.model(sameTemplate.get(0));
            Map<UUID, Aggregates> each = computation.aggregatesOfEach(sameTemplate, model);
            for (Assessment assessment : sameTemplate) {
                Aggregates aggregated = each.get(assessment.id);
                profiles.put(assessment.id, aggregated.respondents() < assessment.anonymityThreshold
                        ? views.suppressed(assessment, aggregated.respondents(), comparison)
                        : views.available(assessment, aggregated.respondents(), comparison,
                                computation.compute(assessment, model, tenant, aggregated, null), model,
                                normGaps.of(assessment, model, aggregated, countedAt(assessment), null)));
            }
        });
        return profiles;
    }

    /**
     * Stores final profiles computed on read, in a short transaction of their own: a long reader (an export) holds no
     * lock on the rows that other readers would wait for, and a reader that fails later keeps them.
     */
    private void keepLate(Tenant tenant, String segments, Map<UUID, ProfileView> computed) {
        QuarkusTransaction.requiringNew().run(() -> computed.forEach(
                (assessmentId, profile) -> stored.store(tenant.id, assessmentId, segments, profile)));
    }

    /** Each closed round of the team, by when it closed, with its final profile. */
    public TrendView trend(UUID teamId, Tenant tenant) {
        List<Assessment> closed = assessments.list("teamId = ?1 and status = ?2 order by closedAt, id", teamId,
                AssessmentStatus.CLOSED);
        Map<UUID, ProfileView> profiles = closedProfiles(closed, tenant);
        return views.trend(teamId, closed, assessment -> profiles.get(assessment.id));
    }

    /** Closed: responses, threshold and template are fixed, so the outcome is too, suppressed or not. */
    private ClosedProfiles.Cached closed(Assessment assessment, Tenant tenant) {
        String segments = segmentKey(tenant);
        return closedProfiles.get(tenant.id, assessment.id, segments, () -> stored.find(assessment.id, segments)
                .orElseGet(() -> {
                    ProfileView profile = finalProfile(assessment, tenant, views.comparison(tenant));
                    keepLate(tenant, segments, Map.of(assessment.id, profile));
                    return profile;
                }));
    }

    private static String segmentKey(Tenant tenant) {
        return String.join(",", new TreeSet<>(ProfileComputation.segments(tenant)));
    }

    private ProfileView openProfile(Assessment assessment, Tenant tenant) {
        Comparison comparison = views.comparison(tenant);
        if (assessment.status == AssessmentStatus.OPEN && tenant.liveProfiles) {
            return liveProfile(assessment, tenant, comparison);
        }
        return views.pending(assessment, assessments.submittedCount(assessment.id), comparison);
    }

    /** A stored snapshot, renewed by the rule of {@link LiveSnapshots}. */
    private ProfileView liveProfile(Assessment assessment, Tenant tenant, Comparison comparison) {
        long respondents = assessments.submittedCount(assessment.id);
        ProfileSnapshot snapshot = snapshots.latestForUpdate(assessment.id);
        if (snapshot == null && respondents < assessment.anonymityThreshold) {
            return views.suppressed(assessment, respondents, comparison);
        }
        if (snapshots.stands(assessment, snapshot)) {
            return snapshot.profile.asSnapshot(ProfileStatus.LIVE, "A live snapshot of " + snapshot.respondents
                    + " responses; it is renewed after " + assessment.anonymityThreshold + " more submissions.",
                    snapshot.takenAt);
        }
        return snapshots.renew(snapshot, assessment, respondents,
                lastSnapshot -> computed(assessment, tenant, comparison, respondents, lastSnapshot));
    }

    private ProfileView finalProfile(Assessment assessment, Tenant tenant, Comparison comparison) {
        long respondents = assessments.submittedCount(assessment.id);
        ProfileSnapshot snapshot = snapshots.latest(assessment.id);
        if (snapshots.stands(assessment, snapshot)) {
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

    private ProfileView computed(Assessment assessment, Tenant tenant, Comparison comparison, long respondents,
            Instant lastSnapshot) {
        ScoringModel model = computation.model(assessment);
        Aggregates aggregated = computation.aggregates(assessment, model);
        Map<String, Long> newAnswers = computation.answeredSince(assessment, lastSnapshot);
        return views.available(assessment, respondents, comparison,
                computation.compute(assessment, model, tenant, aggregated, newAnswers), model,
                normGaps.of(assessment, model, aggregated, countedAt(assessment), newAnswers));
    }

    /** The moment a profile's responses count as of: when the round closed, or now for a live snapshot. */
    private Instant countedAt(Assessment assessment) {
        return assessment.closedAt != null ? assessment.closedAt : clock.instant();
    }
}
