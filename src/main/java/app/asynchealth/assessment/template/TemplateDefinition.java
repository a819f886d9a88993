package app.asynchealth.assessment.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A versioned question template. Versions never change once published; a question's key never changes meaning, and a
 * reworded question is a new key that names the key it replaces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Template")
public record TemplateDefinition(
        String key,
        int version,
        String title,
        String description,
        @Schema(description = "Where the benchmark figures come from") String source,
        @Schema(description = "The template this one derives from, for tenant templates") TemplateRef basedOn,
        List<Dimension> dimensions,
        List<Question> questions) {

    public Optional<Question> question(String questionKey) {
        return questions.stream().filter(question -> question.key().equals(questionKey)).findFirst();
    }

    public TemplateRef ref() {
        return new TemplateRef(key, version);
    }

    @Schema(name = "TemplateRef")
    public record TemplateRef(String key, Integer version) {
    }

    @Schema(name = "Dimension")
    public record Dimension(String key, String name, String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Question")
    public record Question(
            @Schema(description = "Stable key; never changes meaning") String key,
            @Schema(description = "The key of the question this one rewords, if any") String replaces,
            @Schema(description = "The dimension a scored question measures") String dimension,
            QuestionType type,
            String text,
            boolean required,
            boolean scored,
            @Schema(description = "segment (used to pick a benchmark segment) or context (not scored)") String purpose,
            List<Choice> choices,
            Scale scale,
            String unit,
            BigDecimal min,
            BigDecimal max,
            Integer maxLength,
            @Schema(description = "The report figures this question is compared with, quoted") List<BenchmarkQuote> benchmarks) {
    }

    @Schema(name = "Choice")
    public record Choice(String key, String label) {
    }

    @Schema(name = "Scale", description = "Labels of the ends of a 1-5 scale")
    public record Scale(String minLabel, String maxLabel) {
    }

    @Schema(name = "BenchmarkQuote")
    public record BenchmarkQuote(
            @Schema(description = "Key of the figure in the benchmark dataset") String key,
            String figure,
            @Schema(description = "The report's sentence, verbatim") String quote) {
    }
}
