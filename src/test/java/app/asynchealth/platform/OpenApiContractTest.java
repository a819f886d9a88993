package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import app.asynchealth.support.ContractValidation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * openapi.yaml at the repository root is the published contract, generated from the code (code-first). This test fails
 * whenever the service serves anything else. After an intended API change, regenerate the file with
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true} and review the diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("openapi.yaml");

    @Test
    void theServedDocumentIsThePublishedContract() throws Exception {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CONTRACT, served);
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode published = yaml.readTree(Files.readString(CONTRACT));
        JsonNode actual = yaml.readTree(served);
        assertThat(actual)
                .withFailMessage("The service serves an API that differs from openapi.yaml. If the change is intended, "
                        + "run ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true and commit openapi.yaml.")
                .isEqualTo(published);
        // Every reference resolves to a schema of the document.
        List<String> refs = new ArrayList<>();
        collectRefs(actual, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(actual.path("components").path("schemas").has(ref.substring("#/components/schemas/".length())))
                    .as(ref).isTrue();
        });
    }

    /** Client generators read the contract with swagger-parser: it must load it without a single message. */
    @Test
    void aRealParserLoadsTheContractWithoutMessages() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(CONTRACT), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getServers()).isNotEmpty();
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearer");
        // Every operation has a described, unique operationId; every tag a description.
        Set<String> ids = new HashSet<>();
        result.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertThat(operation.getOperationId()).as(method + " " + path).matches("[a-z][a-zA-Z]+");
            assertThat(ids.add(operation.getOperationId())).as("unique " + operation.getOperationId()).isTrue();
            assertThat(operation.getDescription()).as(operation.getOperationId()).isNotBlank();
        }));
        assertThat(result.getOpenAPI().getTags()).allSatisfy(tag -> assertThat(tag.getDescription()).as(tag.getName()).isNotBlank());
    }

    /** The suite's traffic is held to the contract: the validating filter is installed for every @QuarkusTest. */
    @Test
    void everyTestsTrafficIsValidatedAgainstTheContract() {
        assertThat(RestAssured.filters()).anySatisfy(filter -> assertThat(filter.getClass().getName())
                .startsWith(ContractValidation.class.getName()));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
