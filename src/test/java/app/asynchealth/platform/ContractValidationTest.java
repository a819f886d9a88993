package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import app.asynchealth.support.ContractValidation;

/**
 * The validator every test's traffic goes through catches what it is there to catch: in answers a wrong type, a null
 * where the contract promises a string, an undeclared enum value; in requests the same, and parameters the contract
 * does not have, judged by the outcome. (Were it blind, every suite would pass it.)
 */
class ContractValidationTest {

    private static final String TEAM = "/api/v1/teams/0191f3a0-0000-7000-8000-000000000001";
    private final OpenApiInteractionValidator validator = ContractValidation.validator();

    @Test
    void aTeamAsTheServiceSendsItPasses() {
        assertThat(team("{\"id\": \"0191f3a0-0000-7000-8000-000000000001\", \"name\": \"Core\","
                + " \"createdAt\": \"2026-01-01T00:00:00Z\", \"updatedAt\": \"2026-01-01T00:00:00Z\"}").getMessages())
                .isEmpty();
    }

    @Test
    void aWrongTypeANullAndAnUnknownEnumValueFail() {
        assertThat(team("{\"id\": \"0191f3a0-0000-7000-8000-000000000001\", \"name\": 42}").hasErrors()).isTrue();
        assertThat(team("{\"id\": \"0191f3a0-0000-7000-8000-000000000001\", \"name\": \"Core\", \"description\": null}")
                .hasErrors()).isTrue();
        ValidationReport assessment = validator.validateResponse("/api/v1/assessments/0191f3a0-0000-7000-8000-000000000001",
                Request.Method.GET, SimpleResponse.Builder.ok().withContentType("application/json")
                        .withBody("{\"status\": \"archived\"}").build());
        assertThat(assessment.hasErrors()).isTrue();
    }

    private ValidationReport team(String body) {
        return validator.validateResponse(TEAM, Request.Method.GET,
                SimpleResponse.Builder.ok().withContentType("application/json").withBody(body).build());
    }

    @Test
    void aRequestTheContractRefusesMayBeRefusedButNotAccepted() {
        OpenApiInteractionValidator requests = ContractValidation.requestValidator();
        ValidationReport nullThreshold = requests.validateRequest(SimpleRequest.Builder.post("/api/v1/tenants")
                .withContentType("application/json").withBody("{\"id\": \"acme\", \"name\": \"Acme\", \"anonymityThreshold\": null}")
                .build());
        ValidationReport pagedSingle = requests.validateRequest(SimpleRequest.Builder
                .get("/api/v1/assessments/0191f3a0-0000-7000-8000-000000000001").withQueryParam("limit", "5").build());
        ValidationReport wrongEnum = requests.validateRequest(SimpleRequest.Builder.get("/api/v1/assessments")
                .withQueryParam("status", "archived").build());
        for (ValidationReport refused : List.of(nullThreshold, pagedSingle, wrongEnum)) {
            assertThat(ContractValidation.acceptedAlthoughRefused("op", refused, 201)).isPresent();
            assertThat(ContractValidation.acceptedAlthoughRefused("op", refused, 200)).isPresent();
            assertThat(ContractValidation.acceptedAlthoughRefused("op", refused, 400)).isEmpty();
            assertThat(ContractValidation.acceptedAlthoughRefused("op", refused, 404)).isEmpty();
        }
        // A request the contract allows passes whatever its answer; the token is the service's to judge.
        ValidationReport fine = requests.validateRequest(SimpleRequest.Builder.post("/api/v1/tenants")
                .withContentType("application/json").withBody("{\"id\": \"acme\", \"name\": \"Acme\"}").build());
        assertThat(fine.getMessages()).isEmpty();
        assertThat(ContractValidation.acceptedAlthoughRefused("op", fine, 201)).isEmpty();
    }
}
