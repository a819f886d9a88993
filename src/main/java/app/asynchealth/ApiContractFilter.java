package app.asynchealth;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import app.asynchealth.integration.ScoresContractFilter;
import app.asynchealth.integration.webhook.WebhookContractFilter;
import app.asynchealth.platform.web.OpenApiContractFilter;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The contract's post-processing ({@code mp.openapi.filter}), put together here, above every folder: first the rules
 * of the ground for every operation and schema ({@link OpenApiContractFilter}), then what a feature says of its own
 * plain-string fields ({@link WebhookContractFilter}). The ground knows no feature, so it does not name them itself.
 * It runs when the service is built, not at every start: the contract is fixed by the code, and a start spends no
 * time on it (a filter named by mp.openapi.filter would run at start).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiContractFilter implements OASFilter {

    private final List<OASFilter> parts = List.of(new OpenApiContractFilter(), new WebhookContractFilter(),
            new ScoresContractFilter());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        parts.forEach(part -> part.filterOpenAPI(openAPI));
    }
}
