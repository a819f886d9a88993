package app.asynchealth.team;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class TeamMemberRepository implements PanacheRepositoryBase<TeamMember, UUID> {

    public List<TeamMember> page(UUID teamId, PageRequest request) {
        Parameters parameters = Parameters.with("team", teamId);
        String query = "teamId = :team";
        if (request.after().isPresent()) {
            query += " and id > :after";
            parameters.and("after", request.afterId().get());
        }
        return find(query + " order by id", parameters).range(0, request.fetchSize() - 1).list();
    }

    public Optional<TeamMember> inTeam(UUID teamId, UUID memberId) {
        return find("teamId = ?1 and id = ?2", teamId, memberId).firstResultOptional();
    }

    public boolean isLead(UUID teamId, String subject) {
        return count("teamId = ?1 and subject = ?2 and role = ?3", teamId, subject, TeamRole.LEAD) > 0;
    }

    /** The field a new or changed member would duplicate within the team, if any. */
    public Optional<String> duplicateField(UUID teamId, UUID except, String externalId, String email, String subject) {
        UUID self = except == null ? new UUID(0, 0) : except;
        if (externalId != null && count("teamId = ?1 and id <> ?2 and externalId = ?3", teamId, self, externalId) > 0) {
            return Optional.of("externalId");
        }
        if (email != null && count("teamId = ?1 and id <> ?2 and lower(email) = lower(?3)", teamId, self, email) > 0) {
            return Optional.of("email");
        }
        if (subject != null && count("teamId = ?1 and id <> ?2 and subject = ?3", teamId, self, subject) > 0) {
            return Optional.of("subject");
        }
        return Optional.empty();
    }
}
