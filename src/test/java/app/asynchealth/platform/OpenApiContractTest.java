package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.scoring.ScoringModels;
import app.asynchealth.support.Api;
import app.asynchealth.support.ContractValidation;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
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

    /**
     * RFC 9457 makes instance a URI reference, and the service sends the request's path: declared uri-reference, or a
     * validating proxy that checks formats refuses every problem the service answers.
     */
    @Test
    void aProblemsInstanceIsAUriReference() throws Exception {
        Map<String, Schema> problem = contract().getComponents().getSchemas().get("Problem")
                .getProperties();
        assertThat(problem.get("instance").getFormat()).isEqualTo("uri-reference");
        String instance = Api.as(Tokens.tenantAdmin(Api.newTenant())).get("/api/v1/teams/{id}", UUID.randomUUID())
                .then().statusCode(404).extract().path("instance");
        URI sent = new URI(instance);
        assertThat(sent.isAbsolute()).isFalse();
        assertThat(sent.getPath()).startsWith("/api/v1/teams/");
    }

    /** SnakeYAML reads YAML 1.1, as many client generators do: there 17:30 is a number and 2026-05-01 a date. */
    @Test
    void everyExampleOfAStringSchemaIsTextToAYaml11Parser() throws Exception {
        Object document = new Yaml().load(Files.readString(CONTRACT));
        List<String> notText = new ArrayList<>();
        collectNonTextExamples(document, "", notText);
        assertThat(notText).isEmpty();
    }

    /** The scores routes take the dimensions the service scores, declared from the scoring models it checks against. */
    @Test
    void theDimensionFilterDeclaresTheScoredDimensions() throws Exception {
        OpenAPI contract = contract();
        List<String> keys = ScoringModels.load().dimensionKeys();
        for (String path : List.of("/api/v1/scores", "/api/v1/scores/export")) {
            Parameter dimension = contract.getPaths().get(path).getGet().getParameters().stream()
                    .filter(parameter -> parameter.getName().equals("dimension")).findFirst().orElseThrow();
            assertThat(dimension.getSchema().getEnum()).as(path).containsExactlyElementsOf(keys);
        }
        OpenApiInteractionValidator requests = ContractValidation.requestValidator();
        assertThat(requests.validateRequest(SimpleRequest.Builder.get("/api/v1/scores")
                .withQueryParam("dimension", "happiness").build()).hasErrors()).isTrue();
        assertThat(requests.validateRequest(SimpleRequest.Builder.get("/api/v1/scores")
                .withQueryParam("dimension", keys.get(0)).build()).getMessages()).isEmpty();
        Api.as(Tokens.as(Api.newTenant(), "hr", Roles.HR_ANALYST)).queryParam("dimension", "happiness")
                .get("/api/v1/scores").then().statusCode(400).contentType("application/problem+json");
    }

    /** The contract says what a claim code looks like, so that a malformed one is the client's 400 by contract. */
    @Test
    void theContractDeclaresTheShapeOfAClaimCode() throws Exception {
        Map<String, Schema> claim = contract().getComponents().getSchemas().get("InvitationClaimRequest").getProperties();
        assertThat(claim.get("code").getPattern()).isNotBlank();
        OpenApiInteractionValidator requests = ContractValidation.requestValidator();
        for (String malformed : List.of("not a code", "acme.short", "ACME." + "a".repeat(43))) {
            assertThat(requests.validateRequest(claim(malformed)).hasErrors()).as(malformed).isTrue();
        }
        assertThat(requests.validateRequest(claim("acme." + "A1_-".repeat(10) + "abc")).getMessages()).isEmpty();
        given().contentType("application/json").body(Map.of("code", "not a code")).post("/api/v1/invitation-claims")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static SimpleRequest claim(String code) {
        return SimpleRequest.Builder.post("/api/v1/invitation-claims").withContentType("application/json")
                .withBody("{\"code\": \"" + code + "\"}").build();
    }

    /** Deleting a team with assessments is refused by a rule of its own (409), declared. */
    @Test
    void deletingATeamDeclaresItsConflict() throws Exception {
        assertThat(contract().getPaths().get("/api/v1/teams/{teamId}").getDelete().getResponses().get("409")
                .getDescription()).contains("team-has-assessments");
    }

    /** The service refuses unknown properties in every body it reads; the contract says so wherever a body reaches. */
    @Test
    void everyRequestBodyObjectRefusesUnknownProperties() throws Exception {
        OpenAPI contract = contract();
        List<String> open = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().values()
                        .forEach(media -> collectOpenObjects(contract, media.getSchema(), seen, open));
            }
        }));
        assertThat(seen).contains("NewTeam", "NewTemplateVersion", "NewQuestion", "TemplateRef");
        assertThat(open).isEmpty();
        assertThat(ContractValidation.requestValidator().validateRequest(SimpleRequest.Builder.post("/api/v1/teams")
                .withContentType("application/json").withBody("{\"name\": \"Core\", \"colour\": \"red\"}").build())
                .hasErrors()).isTrue();
    }

    /** A reissue takes an optional JSON body, declared as JSON (not any media type). */
    @Test
    void theReissueBodyIsJson() throws Exception {
        assertThat(contract().getPaths().get("/api/v1/assessments/{assessmentId}/invitations/{invitationId}/reissue")
                .getPost().getRequestBody().getContent().keySet()).containsExactly("application/json");
    }

    /** Every read that sends an ETag declares it, and its 304 to If-None-Match (ConditionalReadsTest sends them). */
    @Test
    void everyTaggedReadDeclaresNotModified() throws Exception {
        List<String> tagged = new ArrayList<>();
        contract().getPaths().forEach((path, item) -> {
            if (item.getGet() != null && item.getGet().getResponses().get("200").getHeaders() != null
                    && item.getGet().getResponses().get("200").getHeaders().containsKey("ETag")) {
                tagged.add(item.getGet().getOperationId());
                assertThat(item.getGet().getResponses().get("304")).as(path).isNotNull();
                assertThat(item.getGet().getResponses().get("304").getContent()).as(path).isNullOrEmpty();
                assertThat(item.getGet().getResponses().get("304").getHeaders()).as(path).containsKey("ETag");
            }
        });
        assertThat(tagged).contains("getTenant", "getTeam", "getTeamMember", "getAssessment", "getTeamCharter",
                "getTeamCharterVersion", "getTeamCharterCoverage", "getResponse", "getWebhookEndpoint", "getTeamAction");
    }

    /**
     * What the service always sends is required, so that generated clients do not type ids as possibly absent: every
     * primitive of a record (never null, so never left out) and the fields annotated so. The validator then holds
     * every test's traffic to it.
     */
    @Test
    void responseSchemasRequireWhatIsAlwaysSent() throws Exception {
        Map<String, Schema> schemas = contract().getComponents().getSchemas();
        assertThat(schemas.get("Team").getRequired()).contains("id", "name", "createdAt", "updatedAt");
        assertThat(schemas.get("Assessment").getRequired()).contains("id", "teamId", "status", "round",
                "anonymityThreshold", "invitedCount", "submittedCount");
        assertThat(schemas.get("Tenant").getRequired()).contains("id", "name", "anonymityThreshold", "liveProfiles");
        assertThat(schemas.get("Problem").getRequired()).contains("type", "title", "status");
        assertThat(ContractValidation.validator().validateResponse("/api/v1/teams/" + UUID.randomUUID(),
                Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json")
                        .withBody("{\"name\": \"Core\", \"createdAt\": \"2026-01-01T00:00:00Z\","
                                + " \"updatedAt\": \"2026-01-01T00:00:00Z\"}").build()).hasErrors())
                .as("a team without its id").isTrue();
    }

    private static OpenAPI contract() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(Files.readString(CONTRACT), null, options).getOpenAPI();
    }

    @SuppressWarnings("rawtypes")
    private static void collectOpenObjects(OpenAPI contract, Schema schema,
            Set<String> seen, List<String> open) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                Schema target = contract.getComponents().getSchemas().get(name);
                if (target.getProperties() != null && !closed(target)) {
                    open.add(name);
                }
                collectOpenObjects(contract, target, seen, open);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> collectOpenObjects(contract,
                    (Schema) property, seen, open));
        }
        collectOpenObjects(contract, schema.getItems(), seen, open);
        if (schema.getAdditionalProperties() instanceof Schema values) {
            collectOpenObjects(contract, values, seen, open);
        }
    }

    /** additionalProperties: false, as the parser gives it (a Boolean, or for some 3.1 schemas the false schema). */
    private static boolean closed(Schema<?> schema) {
        Object additional = schema.getAdditionalProperties();
        return Boolean.FALSE.equals(additional)
                || additional instanceof Schema<?> values && Boolean.FALSE.equals(values.getBooleanSchemaValue());
    }

    @SuppressWarnings("unchecked")
    private static void collectNonTextExamples(Object node, String at, List<String> notText) {
        if (node instanceof Map<?, ?> map) {
            if ("string".equals(map.get("type"))) {
                for (String key : List.of("example", "examples", "default", "enum")) {
                    Object value = map.get(key);
                    for (Object example : value instanceof List<?> list ? list : value == null ? List.of() : List.of(value)) {
                        if (!(example instanceof String)) {
                            notText.add(at + "/" + key + ": " + example + " (" + example.getClass().getSimpleName() + ")");
                        }
                    }
                }
            }
            ((Map<Object, Object>) map).forEach((key, value) -> collectNonTextExamples(value, at + "/" + key, notText));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectNonTextExamples(list.get(i), at + "/" + i, notText);
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
