package app.asynchealth.charter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The version of a team's charter that was in effect at a moment: the newest written at or before it. A round is held
 * against the charter in effect when it closed (or its live snapshot was taken), so that editing the charter later does
 * not change what an earlier round measured. Runs in the caller's transaction; row-level security keeps it inside the
 * caller's tenant.
 */
@ApplicationScoped
public class ChartersInEffect {

    public record CharterInEffect(int version, Instant createdAt, CharterContent content) {
    }

    private final EntityManager entityManager;
    private final ObjectReader reader;

    ChartersInEffect(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.reader = json.readerFor(CharterContent.class);
    }

    public Optional<CharterInEffect> at(UUID teamId, Instant moment) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT version, created_at, content::text FROM charter_version
                WHERE team_id = ?1 AND created_at <= ?2 ORDER BY version DESC LIMIT 1""")
                .setParameter(1, teamId).setParameter(2, moment).getResultList();
        return rows.stream().findFirst().map(row -> new CharterInEffect(((Number) row[0]).intValue(),
                instant(row[1]), read((String) row[2])));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }

    private CharterContent read(String content) {
        try {
            return reader.readValue(content);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored charter cannot be read", e);
        }
    }
}
