package app.asynchealth.integration;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.platform.web.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class IntegrationTokenRepository implements PanacheRepositoryBase<IntegrationToken, UUID> {

    public List<IntegrationToken> page(PageRequest request) {
        Parameters parameters = new Parameters();
        String query = "1 = 1";
        if (request.after().isPresent()) {
            query = "id > :after";
            parameters.and("after", request.afterId().get());
        }
        return find(query + " order by id", parameters).range(0, request.fetchSize() - 1).list();
    }
}
