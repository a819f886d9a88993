package app.asynchealth.integration;

import java.util.ArrayList;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import app.asynchealth.scoring.ScoringModels;

/**
 * The HR routes' {@code dimension} filter takes the scored dimensions' keys only: the contract lists them from the
 * same scoring models the service checks the filter against (ScoresResource).
 */
public class ScoresContractFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            path.getOperations().values().stream()
                    .filter(operation -> operation.getParameters() != null)
                    .flatMap(operation -> operation.getParameters().stream())
                    .filter(parameter -> parameter.getIn() == Parameter.In.QUERY && "dimension".equals(parameter.getName()))
                    .forEach(parameter -> parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                            .description(null).enumeration(new ArrayList<>(ScoringModels.load().dimensionKeys()))));
        }
    }
}
