package app.asynchealth.assessment.invitation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    public List<Invitation> page(UUID assessmentId, PageRequest request) {
        Parameters parameters = Parameters.with("assessment", assessmentId);
        String query = "assessmentId = :assessment";
        if (request.after().isPresent()) {
            query += " and id > :after";
            parameters.and("after", request.afterId().get());
        }
        return find(query + " order by id", parameters).range(0, request.fetchSize() - 1).list();
    }

    public Optional<Invitation> inAssessment(UUID assessmentId, UUID invitationId) {
        return find("assessmentId = ?1 and id = ?2", assessmentId, invitationId).firstResultOptional();
    }

    public List<UUID> invitedMembers(UUID assessmentId) {
        return getEntityManager().createQuery("select i.memberId from Invitation i where i.assessmentId = :a and i.status = :s",
                UUID.class).setParameter("a", assessmentId).setParameter("s", InvitationStatus.ACTIVE).getResultList();
    }
}
