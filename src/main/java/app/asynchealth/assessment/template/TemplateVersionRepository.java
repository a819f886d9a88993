package app.asynchealth.assessment.template;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TemplateVersionRepository implements PanacheRepositoryBase<TemplateVersion, UUID> {

    public Optional<TemplateVersion> find(String key, int version) {
        return find("key = ?1 and templateVersion = ?2", key, version).firstResultOptional();
    }

    public int latestVersion(String key) {
        Integer latest = getEntityManager()
                .createQuery("select max(t.templateVersion) from TemplateVersion t where t.key = :key", Integer.class)
                .setParameter("key", key).getSingleResult();
        return latest == null ? 0 : latest;
    }

    public List<TemplateVersion> all() {
        return list("order by key, templateVersion");
    }
}
