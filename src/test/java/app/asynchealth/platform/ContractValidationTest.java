package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import app.asynchealth.support.ContractValidation;

/**
 * The validator every test's traffic goes through catches what it is there to catch: a wrong type, a null where the
 * contract promises a string, an undeclared enum value. (Were it blind, every suite would pass it.)
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
}
