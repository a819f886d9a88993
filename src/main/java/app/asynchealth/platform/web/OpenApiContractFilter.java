package app.asynchealth.platform.web;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import app.asynchealth.platform.problem.Problem;

/**
 * Publishes in the contract what the service guarantees: every error response of every operation is an RFC 9457
 * problem detail. Also keeps the generated schemas honest where annotations cannot (a one-of is not an object).
 */
public class OpenApiContractFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(this::document));
        // A schema that is one of several JSON types is not also an object.
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().stream()
                    .filter(schema -> schema.getOneOf() != null && !schema.getOneOf().isEmpty())
                    .forEach(schema -> schema.setType(null));
        }
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null) {
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problem());
                }
            });
        }
        operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                .description("An error, as an RFC 9457 problem detail").content(problem()));
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
