package app.asynchealth.support;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isResponse;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.methodIs;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.pathContainsSubstring;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusIs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Holds the service and the tests to the published contract on real traffic. Every answer the API gives a
 * @QuarkusTest is validated against openapi.yaml, strictly: a test fails on the first answer the contract does not
 * describe. Every request is validated too, and judged by its outcome: tests send bad input on purpose, so a request
 * the contract refuses may get any 4xx, but never a success, since a client generated from the contract could not
 * send it and the service would be accepting what it promised to refuse. Service-loaded, so that every @QuarkusTest
 * goes through it without naming it.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    /** For the answer: every response message is an error; the request is judged apart. */
    private static final LevelResolver RESPONSE_LEVELS = LevelResolver.create()
            .withLevel("validation.request", Level.IGNORE)
            .withLevel("validation.response", Level.ERROR)
            .build();

    /**
     * For the request: every message is an error but two the service checks itself and the filter cannot see right.
     * REST Assured adds the bearer token after the filters run (so every request would look unauthenticated here),
     * and the validator reads Accept against operations that answer 204 with no content as if nothing were
     * acceptable.
     */
    private static final LevelResolver REQUEST_LEVELS = LevelResolver.create()
            .withLevel("validation.request", Level.ERROR)
            .withLevel("validation.request.security", Level.IGNORE)
            .withLevel("validation.request.accept", Level.IGNORE)
            .withLevel("validation.response", Level.IGNORE)
            .build();

    /**
     * The one exception, and a narrow one: the validator takes a declared response content to mean a non-empty body,
     * but an export that matches no row is a valid NDJSON stream of no lines (CSV always has its header row).
     */
    private static final ValidationErrorsWhitelist EMPTY_EXPORT = ValidationErrorsWhitelist.create()
            .withRule("An NDJSON export of no rows is empty", allOf(isResponse(),
                    messageHasKey("validation.response.body.missing"), methodIs(HttpMethod.GET),
                    pathContainsSubstring("/api/v1/scores/export"), responseStatusIs(200)));

    private static volatile Filter filter;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    /** Adds the filter to REST Assured's global filters once per class loader (Quarkus may reset them: then again). */
    static synchronized void install() {
        if (filter == null) {
            filter = new ApiOnly(new OpenApiValidationFilter(validator()), requestValidator());
        }
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /** The validator of the published contract, as the tests' traffic is checked with it. */
    public static OpenApiInteractionValidator validator() {
        return validator(RESPONSE_LEVELS);
    }

    /** The validator of requests, judged by their outcome ({@link #acceptedAlthoughRefused}). */
    public static OpenApiInteractionValidator requestValidator() {
        return validator(REQUEST_LEVELS);
    }

    /**
     * The failure when the service accepted (2xx) a request the contract refuses; empty when the request is one the
     * contract allows, or was refused.
     */
    public static Optional<String> acceptedAlthoughRefused(String operation, ValidationReport request, int status) {
        if (!request.hasErrors() || status >= 300) {
            return Optional.empty();
        }
        return Optional.of(operation + " was answered " + status + ", but the contract refuses the request:\n"
                + request.getMessages().stream().map(ValidationReport.Message::toString)
                        .collect(Collectors.joining("\n")));
    }

    private static OpenApiInteractionValidator validator(LevelResolver levels) {
        // The validator reads schemas as OpenAPI 3.0 does: parsed as 3.1, its JSON Schema check loses every
        // "type" (any value matched every type). The contract uses no 3.1-only construct for its types (no type
        // lists, no null type: absent values are omitted), so it is validated as the 3.0 document it also is. As
        // 3.0 the parser only notes the schemas' examples (3.1), which validation does not use; OpenApiContractTest
        // checks that the 3.1 document itself loads without a message.
        String contract = contract().replaceFirst("(?m)^openapi: 3\\.1\\.\\d+$", "openapi: 3.0.3");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(contract, null, options).getOpenAPI();
        return OpenApiInteractionValidator.createFor(api).withLevelResolver(levels).withWhitelist(EMPTY_EXPORT).build();
    }

    private static String contract() {
        try {
            return Files.readString(Path.of("openapi.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the API is in the contract: /q/* (OpenAPI, health, metrics) and other hosts (receivers) pass unchecked. */
    private record ApiOnly(Filter validation, OpenApiInteractionValidator requests) implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (request.getDerivedPath() == null || !request.getDerivedPath().startsWith("/api/")
                    || !isLocal(request.getURI())) {
                return context.next(request, response);
            }
            ValidationReport verdict = requests.validateRequest(RestAssuredRequest.of(request));
            Response answer = validation.filter(request, response, context);
            acceptedAlthoughRefused(request.getMethod() + " " + request.getDerivedPath(), verdict, answer.statusCode())
                    .ifPresent(failure -> {
                        throw new AssertionError(failure);
                    });
            return answer;
        }

        private static boolean isLocal(String uri) {
            return uri.startsWith("http://localhost:") || uri.startsWith("http://127.0.0.1:");
        }
    }
}
