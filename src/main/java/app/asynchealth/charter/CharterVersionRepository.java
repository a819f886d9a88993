package app.asynchealth.charter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class CharterVersionRepository implements PanacheRepositoryBase<CharterVersion, CharterVersion.Key> {

    public Optional<CharterVersion> latest(UUID teamId) {
        return find("teamId = ?1 order by version desc", teamId).firstResultOptional();
    }

    public Optional<CharterVersion> version(UUID teamId, int version) {
        return find("teamId = ?1 and version = ?2", teamId, version).firstResultOptional();
    }

    /** The version a team had agreed at that instant (the newest written at or before it), if any. */
    public Optional<CharterVersion> inEffectAt(UUID teamId, Instant at) {
        return find("teamId = ?1 and createdAt <= ?2 order by createdAt desc, version desc", teamId, at)
                .firstResultOptional();
    }

    /** Newest first, after the cursor's version. */
    public List<CharterVersion> page(UUID teamId, PageRequest request) {
        StringBuilder query = new StringBuilder("teamId = :team");
        Parameters parameters = Parameters.with("team", teamId);
        request.after().ifPresent(after -> {
            query.append(" and version < :after");
            parameters.and("after", parseVersion(after));
        });
        query.append(" order by version desc");
        return find(query.toString(), parameters).range(0, request.fetchSize() - 1).list();
    }

    /**
     * Serialises the writers of one team's charter until the transaction ends, so that two changes based on the same
     * version cannot both become the next one: the second sees the first and gets 412.
     */
    public void lockTeamCharter(UUID teamId) {
        getEntityManager().createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('charter:' || :id, 0))")
                .setParameter("id", teamId.toString()).getSingleResult();
    }

    private static int parseVersion(String after) {
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this list issued to you");
        }
    }
}
