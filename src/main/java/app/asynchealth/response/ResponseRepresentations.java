package app.asynchealth.response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

public final class ResponseRepresentations {

    private ResponseRepresentations() {
    }

    /** Documents what one answer may be; never instantiated. */
    @Schema(name = "AnswerValue", description = "One answer: a number, a choice key or text, or a list of choice keys",
            oneOf = { java.math.BigDecimal.class, String.class, String[].class })
    public static final class AnswerJson {
        private AnswerJson() {
        }
    }

    @Schema(name = "Response", description = "Your own response. Nobody else can read it.")
    public record ResponseView(@Schema(required = true) UUID assessmentId, @Schema(required = true) ResponseStatus status,
            @Schema(required = true, type = SchemaType.OBJECT, additionalProperties = AnswerJson.class, description = "Answers by question key") Map<String, Object> answers,
            Instant submittedAt, @Schema(required = true) Instant updatedAt) {
    }

    @Schema(name = "ResponseUpdate")
    public record ResponseUpdate(
            @Schema(type = SchemaType.OBJECT, additionalProperties = AnswerJson.class, description = "Answers by question key: an integer 1-5 (likert-5), a choice key (single-choice), a list of choice keys (multi-choice), a number (number, percent) or text (free-text). Replaces all earlier answers; a question left out is unanswered (null is refused).")
            @NotNull Map<String, JsonNode> answers,
            @Schema(description = "true submits (every required question must be answered); false or absent saves a draft") Boolean submitted) {
    }

    @Schema(name = "MyAssessment", description = "An open assessment of one of your teams, and where your own answer stands")
    public record MyAssessment(@Schema(required = true) UUID id, @Schema(required = true) UUID teamId, @Schema(required = true) String title, @Schema(required = true) Instant closesAt,
            @Schema(required = true, description = "none: not answered yet; draft or submitted: your response; claimed-by-code: your seat was claimed with an invitation code, so answer with the credential that claim gave") MyResponseStatus response) {
    }

    @Schema(name = "MyAssessments")
    public record MyAssessments(@Schema(required = true, description = "At most 200, soonest closing first") List<MyAssessment> items) {
    }

    public enum MyResponseStatus {
        @JsonProperty("none")
        NONE,
        @JsonProperty("draft")
        DRAFT,
        @JsonProperty("submitted")
        SUBMITTED,
        @JsonProperty("claimed-by-code")
        CLAIMED_BY_CODE
    }
}
