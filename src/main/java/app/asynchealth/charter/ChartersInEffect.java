package app.asynchealth.charter;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The version of a team's charter that was in effect at a moment: the newest written at or before it. A round is held
 * against the charter in effect when it closed (or its live snapshot was taken), so that editing the charter later does
 * not change what an earlier round measured.
 */
@ApplicationScoped
public class ChartersInEffect {

    public record CharterInEffect(int version, Instant createdAt, CharterContent content) {
    }

    private final CharterVersionRepository versions;

    ChartersInEffect(CharterVersionRepository versions) {
        this.versions = versions;
    }

    public Optional<CharterInEffect> at(UUID teamId, Instant moment) {
        return versions.inEffectAt(teamId, moment)
                .map(version -> new CharterInEffect(version.version, version.createdAt, version.content));
    }
}
