package app.asynchealth.team;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

    private static final String MEMBER_OF = "exists (from TeamMember m where m.teamId = t.id and m.subject = :subject)";

    /** All of the tenant's teams (row-level security confines them to the tenant), in id order after the cursor. */
    public List<Team> page(PageRequest request) {
        return page(request, null);
    }

    /** The teams that the subject is a member of, or all teams when the subject is null. */
    public List<Team> page(PageRequest request, String subject) {
        StringBuilder query = new StringBuilder("from Team t where 1 = 1");
        Parameters parameters = new Parameters();
        request.after().ifPresent(after -> {
            query.append(" and t.id > :after");
            parameters.and("after", UUID.fromString(after));
        });
        if (subject != null) {
            query.append(" and ").append(MEMBER_OF);
            parameters.and("subject", subject);
        }
        query.append(" order by t.id");
        return find(query.toString(), parameters).range(0, request.fetchSize() - 1).list();
    }

    public boolean nameTaken(String name, UUID except) {
        return count("lower(name) = lower(?1) and id <> ?2", name,
                except == null ? new UUID(0, 0) : except) > 0;
    }

    /**
     * How many assessments the team has, and how many of them are drafts. In SQL: assessments stand on teams, so the
     * team slice names their table, not their type.
     */
    public long[] assessmentCounts(UUID teamId) {
        Object[] counts = (Object[]) getEntityManager().createNativeQuery(
                "SELECT count(*), count(*) FILTER (WHERE status = 'DRAFT') FROM assessment WHERE team_id = ?1")
                .setParameter(1, teamId).getSingleResult();
        return new long[] { ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue() };
    }

    public Optional<Team> visibleTo(UUID id, String subject) {
        return find("from Team t where t.id = :id and " + MEMBER_OF, Parameters.with("id", id).and("subject", subject))
                .firstResultOptional();
    }
}
