package app.asynchealth.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;

/**
 * The stored live snapshots and when one is renewed: only once at least the threshold of new submissions has arrived,
 * so that two profiles a lead sees never differ by fewer respondents than the threshold. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class LiveSnapshots {

    private final ProfileSnapshotRepository snapshots;
    private final Clock clock;

    LiveSnapshots(ProfileSnapshotRepository snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** The assessment's snapshot, or null. */
    public ProfileSnapshot latest(UUID assessmentId) {
        return snapshots.find("assessmentId", assessmentId).firstResult();
    }

    /** The same, locked until the transaction ends, so that concurrent readers renew it once. */
    public ProfileSnapshot latestForUpdate(UUID assessmentId) {
        return snapshots.find("assessmentId", assessmentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Which of the assessments have a snapshot. */
    public Set<UUID> snapshotted(List<UUID> assessmentIds) {
        return new HashSet<>(snapshots.getEntityManager().createQuery(
                "select s.assessmentId from ProfileSnapshot s where s.assessmentId in :ids", UUID.class)
                .setParameter("ids", assessmentIds).getResultList());
    }

    /** Whether the snapshot still stands: fewer than the threshold submitted since it was taken. */
    public boolean stands(Assessment assessment, ProfileSnapshot snapshot) {
        return snapshot != null && submittedSince(assessment.id, snapshot.takenAt) < assessment.anonymityThreshold;
    }

    /**
     * Takes a new snapshot, replacing {@code snapshot} if there is one.
     *
     * @param compute the profile, given when the replaced snapshot was taken (null for the first)
     */
    public ProfileView renew(ProfileSnapshot snapshot, Assessment assessment, long respondents,
            Function<Instant, ProfileView> compute) {
        Instant takenAt = clock.instant();
        ProfileView profile = compute.apply(snapshot == null ? null : snapshot.takenAt);
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

    private long submittedSince(UUID assessmentId, Instant since) {
        return snapshots.getEntityManager().createQuery("""
                select count(r) from AssessmentResponse r
                where r.assessmentId = :id and r.status = app.asynchealth.response.ResponseStatus.SUBMITTED
                  and r.submittedAt > :since""", Long.class)
                .setParameter("id", assessmentId).setParameter("since", since).getSingleResult();
    }
}
