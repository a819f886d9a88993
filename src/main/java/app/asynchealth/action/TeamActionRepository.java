package app.asynchealth.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class TeamActionRepository implements PanacheRepositoryBase<TeamAction, UUID> {

    /** The team's actions in id (creation) order after the cursor. */
    public List<TeamAction> page(UUID teamId, PageRequest request) {
        return page(teamId, null, request);
    }

    /** The tenant's actions (row-level security confines them), optionally of one team or changed since, in id order. */
    public List<TeamAction> page(UUID teamId, Instant updatedSince, PageRequest request) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (teamId != null) {
            query.append(" and teamId = :team");
            parameters.and("team", teamId);
        }
        if (updatedSince != null) {
            query.append(" and updatedAt >= :since");
            parameters.and("since", updatedSince);
        }
        if (request.after().isPresent()) {
            query.append(" and id > :after");
            parameters.and("after", request.afterId().get());
        }
        return find(query.append(" order by id").toString(), parameters).range(0, request.fetchSize() - 1).list();
    }

    public Optional<TeamAction> inTeam(UUID teamId, UUID actionId) {
        return find("teamId = ?1 and id = ?2", teamId, actionId).firstResultOptional();
    }

    /** The team's actions adopted before the instant, whose baseline is another round: candidates to be measured then. */
    public List<TeamAction> adoptedBefore(UUID teamId, Instant instant, UUID exceptBaseline) {
        return list("teamId = ?1 and createdAt < ?2 and baselineAssessmentId <> ?3 order by id", teamId, instant,
                exceptBaseline);
    }
}
