package app.asynchealth.platform.web;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import app.asynchealth.platform.problem.Problem;

/**
 * Publishes in the contract what the service guarantees: every error response of every operation is an RFC 9457
 * problem detail. Also keeps the generated schemas honest where annotations cannot (a one-of is not an object).
 */
public class OpenApiContractFilter implements OASFilter {

    /** The draft-ietf-httpapi-ratelimit-headers fields the rate-limited routes send, in order. */
    static final List<String[]> RATE_LIMIT_HEADERS = List.of(
            new String[] { "RateLimit-Limit", "Requests allowed per window to this caller on the rate-limited routes", "integer" },
            new String[] { "RateLimit-Remaining", "Requests left in the current window", "integer" },
            new String[] { "RateLimit-Reset", "Seconds until the window renews", "integer" },
            new String[] { "RateLimit-Policy", "The limit and its window, e.g. 120;w=60", "string" });

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(this::document));
        // Every error points at the Problem schema; no operation names the class, so the scan leaves it out.
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            openAPI.getComponents().addSchema("Problem", problemSchema());
            openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
        }
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
            // A rate-limited operation (one that declares 429) reports its limit on its answers.
            if (responses.containsKey("429")) {
                responses.forEach((status, response) -> {
                    if (status.startsWith("2") || status.equals("429")) {
                        for (String[] header : RATE_LIMIT_HEADERS) {
                            response.addHeader(header[0], OASFactory.createHeader().description(header[1])
                                    .schema(OASFactory.createSchema().addType(header[2].equals("integer")
                                            ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING)));
                        }
                    }
                });
            }
        }
        operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                .description("An error, as an RFC 9457 problem detail").content(problem()));
    }

    /** {@link Problem} as a schema, property by property. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("RFC 9457 problem detail")
                .addProperty("type", string("Identifies the kind of problem").format("uri")
                        .addExample("urn:async-health:problem:validation-failed"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code"))
                .addProperty("detail", string("What went wrong in this occurrence"))
                .addProperty("instance", string("The request path").format("uri"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError"))
                        .description("One entry per invalid field, for validation problems"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field, as a dotted path into the request body or the name of a parameter"))
                .addProperty("message", string("What is wrong with it"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
