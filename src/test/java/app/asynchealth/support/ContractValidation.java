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

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
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
 * Holds the service to its published contract on real traffic: every answer the API gives a @QuarkusTest is validated
 * against openapi.yaml, strictly, and a test fails on the first answer the contract does not describe. Requests are not
 * judged: tests send bad input, bad tokens and unknown routes on purpose, and what the service answers to them is
 * what counts. Service-loaded, so that every @QuarkusTest goes through it without naming it.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    /** Request messages are ignored; every response message is an error. */
    private static final LevelResolver LEVELS = LevelResolver.create()
            .withLevel("validation.request", Level.IGNORE)
            .withLevel("validation.response", Level.ERROR)
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
            filter = new ApiOnly(new OpenApiValidationFilter(validator()));
        }
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /** The validator of the published contract, as the tests' traffic is checked with it. */
    public static OpenApiInteractionValidator validator() {
        // The validator reads schemas as OpenAPI 3.0 does: parsed as 3.1, its JSON Schema check loses every
        // "type" (any value matched every type). The contract uses no 3.1-only construct for its types (no type
        // lists, no null type: absent values are omitted), so it is validated as the 3.0 document it also is. As
        // 3.0 the parser only notes the schemas' examples (3.1), which validation does not use; OpenApiContractTest
        // checks that the 3.1 document itself loads without a message.
        String contract = contract().replaceFirst("(?m)^openapi: 3\\.1\\.\\d+$", "openapi: 3.0.3");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(contract, null, options).getOpenAPI();
        return OpenApiInteractionValidator.createFor(api).withLevelResolver(LEVELS).withWhitelist(EMPTY_EXPORT).build();
    }

    private static String contract() {
        try {
            return Files.readString(Path.of("openapi.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the API is in the contract: /q/* (OpenAPI, health, metrics) and other hosts (receivers) pass unchecked. */
    private record ApiOnly(Filter validation) implements Filter {

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext context) {
            if (request.getDerivedPath() != null && request.getDerivedPath().startsWith("/api/")
                    && isLocal(request.getURI())) {
                return validation.filter(request, response, context);
            }
            return context.next(request, response);
        }

        private static boolean isLocal(String uri) {
            return uri.startsWith("http://localhost:") || uri.startsWith("http://127.0.0.1:");
        }
    }
}
