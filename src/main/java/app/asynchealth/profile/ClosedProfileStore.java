package app.asynchealth.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import app.asynchealth.profile.ProfileRepresentations.ProfileView;

/**
 * The final profiles of closed assessments, as stored rows ({@code closed_profile}, migration V12): written in the
 * closing transaction, read by every reader of closed results. A row is keyed by the tenant's report segments it was
 * compared with; a row of other segments is stale (the tenant changed its settings since) and is not returned, so the
 * caller computes the profile again and replaces it. Runs in the caller's transaction; row-level security keeps every
 * statement inside the caller's tenant.
 */
@ApplicationScoped
public class ClosedProfileStore {

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final ObjectReader reader;

    ClosedProfileStore(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
        this.reader = json.readerFor(ProfileView.class);
    }

    /** The stored profile, unless there is none or it was compared with other segments. */
    public Optional<ProfileView> find(UUID assessmentId, String segments) {
        return Optional.ofNullable(findAll(List.of(assessmentId), segments).get(assessmentId));
    }

    /** The stored profiles of those assessments that have one compared with these segments, in one query. */
    public Map<UUID, ProfileView> findAll(Collection<UUID> assessmentIds, String segments) {
        return findAll(assessmentIds, segments, "profile");
    }

    /** The same, only their figures (see {@link ProfileViews#figures}). */
    public Map<UUID, ProfileView> findFigures(Collection<UUID> assessmentIds, String segments) {
        return findAll(assessmentIds, segments, "figures");
    }

    /** The same, only what a feed row shows (see {@link ProfileViews#feedFigures}). */
    public Map<UUID, ProfileView> findFeedFigures(Collection<UUID> assessmentIds, String segments) {
        return findAll(assessmentIds, segments, "feed_figures");
    }

    private Map<UUID, ProfileView> findAll(Collection<UUID> assessmentIds, String segments, String column) {
        Map<UUID, ProfileView> found = new HashMap<>();
        if (assessmentIds.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT assessment_id, %s::text FROM closed_profile
                WHERE assessment_id = ANY(?1) AND segments = ?2""".formatted(column))
                .setParameter(1, assessmentIds.toArray(UUID[]::new)).setParameter(2, segments).getResultList();
        for (Object[] row : rows) {
            found.put((UUID) row[0], read((String) row[1]));
        }
        return found;
    }

    /** Writes the profile, replacing a row of other segments. */
    public void store(String tenantId, UUID assessmentId, String segments, ProfileView profile) {
        String text;
        String figures;
        String feedFigures;
        try {
            text = json.writeValueAsString(profile);
            figures = json.writeValueAsString(ProfileViews.figures(profile));
            feedFigures = json.writeValueAsString(ProfileViews.feedFigures(profile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entityManager.createNativeQuery("""
                INSERT INTO closed_profile (tenant_id, assessment_id, scoring_model, segments, respondents, profile, figures, feed_figures, computed_at)
                VALUES (?1, ?2, cast(?3 AS text), ?4, ?5, cast(?6 AS jsonb), cast(?7 AS jsonb), cast(?8 AS jsonb), now())
                ON CONFLICT (tenant_id, assessment_id) DO UPDATE
                SET scoring_model = EXCLUDED.scoring_model, segments = EXCLUDED.segments,
                    respondents = EXCLUDED.respondents, profile = EXCLUDED.profile, figures = EXCLUDED.figures, feed_figures = EXCLUDED.feed_figures, computed_at = EXCLUDED.computed_at""")
                .setParameter(1, tenantId).setParameter(2, assessmentId).setParameter(3, profile.scoringModel())
                .setParameter(4, segments).setParameter(5, (int) profile.respondents()).setParameter(6, text).setParameter(7, figures).setParameter(8, feedFigures)
                .executeUpdate();
    }

    /** A stored profile's JSON, as {@link #store} wrote it. */
    public ProfileView read(String stored) {
        try {
            return reader.readValue(stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
