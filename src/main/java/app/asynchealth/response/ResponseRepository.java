package app.asynchealth.response;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<AssessmentResponse, UUID> {

    /** The slot's response, locked so that concurrent writes to one response queue up instead of interleaving. */
    public Optional<AssessmentResponse> findForUpdate(UUID assessmentId, String slot) {
        return find("assessmentId = ?1 and slot = ?2", assessmentId, slot)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<AssessmentResponse> find(UUID assessmentId, String slot) {
        return find("assessmentId = ?1 and slot = ?2", assessmentId, slot).firstResultOptional();
    }

    public List<Answer> answers(UUID responseId) {
        return getEntityManager().createQuery("from Answer a where a.responseId = :r order by a.questionKey", Answer.class)
                .setParameter("r", responseId).getResultList();
    }

    public void deleteAnswers(UUID responseId) {
        getEntityManager().createQuery("delete from Answer a where a.responseId = :r")
                .setParameter("r", responseId).executeUpdate();
    }
}
