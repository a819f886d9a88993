package app.asynchealth.profile;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.Assessment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProfilePublicationRepository implements PanacheRepositoryBase<ProfilePublication, UUID> {

    public Optional<ProfilePublication> of(UUID assessmentId) {
        return find("assessmentId", assessmentId).firstResultOptional();
    }

    /** A publication with its round. */
    public record Published(ProfilePublication publication, Assessment assessment) {
    }

    /** The publications of the rounds of the teams the subject is a member of, newest first, one query. */
    public List<Published> forMember(String subject, int limit) {
        return getEntityManager().createQuery("select p, a from ProfilePublication p, Assessment a"
                + " where a.id = p.assessmentId and exists (select 1 from TeamMember m"
                + " where m.teamId = a.teamId and m.subject = :subject) order by p.createdAt desc, p.id desc",
                Object[].class).setParameter("subject", subject).setMaxResults(limit).getResultList().stream()
                .map(row -> new Published((ProfilePublication) row[0], (Assessment) row[1])).toList();
    }
}
