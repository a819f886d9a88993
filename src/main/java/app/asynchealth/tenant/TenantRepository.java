package app.asynchealth.tenant;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {

    public List<Tenant> page(PageRequest request) {
        Optional<String> after = request.after();
        return (after.isPresent() ? find("id > ?1", Sort.by("id"), after.get()) : findAll(Sort.by("id")))
                .range(0, request.fetchSize() - 1).list();
    }
}
