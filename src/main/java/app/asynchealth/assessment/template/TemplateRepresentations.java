package app.asynchealth.assessment.template;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.asynchealth.assessment.template.TemplateDefinition.BenchmarkQuote;
import app.asynchealth.assessment.template.TemplateDefinition.Choice;
import app.asynchealth.assessment.template.TemplateDefinition.Question;
import app.asynchealth.assessment.template.TemplateDefinition.Scale;
import app.asynchealth.assessment.template.TemplateDefinition.TemplateRef;

public final class TemplateRepresentations {

    private TemplateRepresentations() {
    }

    @Schema(name = "TemplateSummary")
    public record TemplateSummary(@Schema(required = true) String key, int version, @Schema(required = true) String title,
            @Schema(description = "Shipped with the service (true) or derived by your tenant (false)") boolean builtIn,
            TemplateRef basedOn, int questionCount) {

        static TemplateSummary of(TemplateDefinition template, boolean builtIn) {
            return new TemplateSummary(template.key(), template.version(), template.title(), builtIn,
                    template.basedOn(), template.questions().size());
        }
    }

    @Schema(name = "TemplatePage")
    public record TemplatePage(@Schema(required = true) List<TemplateSummary> items, String nextCursor) {
    }

    @Schema(name = "NewTemplateVersion", description = "A tenant template: a built-in template, minus some questions, plus the tenant's own (unscored) questions. Each creation is the next version of the key.")
    public record NewTemplateVersion(
            @NotNull @Pattern(regexp = TemplateRules.KEY_PATTERN, message = "must be a lowercase slug") String key,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 2000) String description,
            @Schema(description = "A built-in template version") @NotNull @Valid TemplateRef basedOn,
            @Schema(description = "Keys of base questions to leave out") @Size(max = 100) List<@NotBlank String> omitQuestions,
            @Schema(description = "The tenant's own questions; they are never scored") @Size(max = 50) List<@NotNull @Valid NewQuestion> customQuestions) {
    }

    /** A tenant's own question as sent: what the template then holds, with defaults for what was left out. */
    @Schema(name = "NewQuestion", description = "A tenant's own question, as in Question; required and scored may be left out")
    public record NewQuestion(
            @Schema(description = "Stable key; never changes meaning") String key,
            @Schema(description = "The key of the question this one rewords, if any") String replaces,
            String dimension,
            QuestionType type,
            String text,
            @Schema(description = "Whether an answer must be given; left out, it may be skipped", defaultValue = "false") Boolean required,
            @Schema(description = "Your own questions are never scored (the report has no figure to compare them with): left out or false", defaultValue = "false") Boolean scored,
            @Schema(description = "segment (used to pick a benchmark segment) or context (not scored)") String purpose,
            List<Choice> choices,
            Scale scale,
            String unit,
            BigDecimal min,
            BigDecimal max,
            Integer maxLength,
            @Schema(description = "Never given for your own questions") List<BenchmarkQuote> benchmarks) {

        Question toQuestion() {
            return new Question(key, replaces, dimension, type, text, Boolean.TRUE.equals(required),
                    Boolean.TRUE.equals(scored), purpose, choices, scale, unit, min, max, maxLength, benchmarks);
        }
    }
}
