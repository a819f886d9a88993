package app.asynchealth.response;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import app.asynchealth.assessment.template.QuestionType;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateDefinition.Choice;
import app.asynchealth.assessment.template.TemplateDefinition.Question;
import app.asynchealth.platform.problem.Problem.FieldError;
import app.asynchealth.platform.web.NoNullValues;

/** Checks a respondent's answers against the questions of the assessment's template, one field error per problem. */
public final class AnswerValidator {

    public static final int DEFAULT_TEXT_LIMIT = 2000;
    private static final BigDecimal LIKERT_MIN = BigDecimal.ONE;
    private static final BigDecimal LIKERT_MAX = BigDecimal.valueOf(5);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AnswerValidator() {
    }

    public record Result(List<AnswerValue> answers, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param submit whether the respondent submits: then every required question needs an answer
     */
    public static Result validate(TemplateDefinition template, Map<String, JsonNode> answers, boolean submit) {
        List<AnswerValue> values = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : answers.entrySet()) {
            String field = "answers." + entry.getKey();
            JsonNode value = entry.getValue();
            var question = template.question(entry.getKey());
            if (question.isEmpty()) {
                errors.add(new FieldError(field, "is not a question of this assessment"));
            } else if (value == null || value.isNull()) {
                errors.add(new FieldError(field, NoNullValues.MESSAGE)); // a question left out is unanswered
            } else {
                String problem = check(question.get(), value, values);
                if (problem != null) {
                    errors.add(new FieldError(field, problem));
                }
            }
        }
        if (submit) {
            Set<String> answered = new HashSet<>();
            values.forEach(answer -> answered.add(answer.questionKey()));
            for (Question question : template.questions()) {
                if (question.required() && !answered.contains(question.key())
                        && errors.stream().noneMatch(error -> error.field().equals("answers." + question.key()))) {
                    errors.add(new FieldError("answers." + question.key(), "is required to submit"));
                }
            }
        }
        return new Result(values, errors);
    }

    /** @return what is wrong with the value, or null when it is a valid answer (then added to {@code values}) */
    private static String check(Question question, JsonNode value, List<AnswerValue> values) {
        String key = question.key();
        QuestionType type = question.type();
        switch (type) {
            case LIKERT_5 -> {
                if (!value.isIntegralNumber() || outside(value.decimalValue(), LIKERT_MIN, LIKERT_MAX)) {
                    return "must be a whole number from 1 to 5";
                }
                values.add(AnswerValue.number(key, value.decimalValue()));
            }
            case NUMBER, PERCENT -> {
                BigDecimal min = type == QuestionType.PERCENT ? BigDecimal.ZERO : question.min();
                BigDecimal max = type == QuestionType.PERCENT ? HUNDRED : question.max();
                if (!value.isNumber() || outside(value.decimalValue(), min, max)) {
                    return "must be a number from " + min.toPlainString() + " to " + max.toPlainString();
                }
                if (value.decimalValue().stripTrailingZeros().scale() > 3) {
                    return "must have at most 3 decimals";
                }
                values.add(AnswerValue.number(key, value.decimalValue()));
            }
            case SINGLE_CHOICE -> {
                if (!value.isTextual() || !choiceKeys(question).contains(value.textValue())) {
                    return "must be one of " + String.join(", ", choiceKeys(question));
                }
                values.add(AnswerValue.choice(key, value.textValue()));
            }
            case MULTI_CHOICE -> {
                Set<String> picked = new LinkedHashSet<>();
                if (!value.isArray() || value.isEmpty()) {
                    return "must be a non-empty list of choices";
                }
                for (JsonNode item : value) {
                    if (!item.isTextual() || !choiceKeys(question).contains(item.textValue()) || !picked.add(item.textValue())) {
                        return "must list distinct choices among " + String.join(", ", choiceKeys(question));
                    }
                }
                values.add(AnswerValue.choices(key, List.copyOf(picked)));
            }
            case FREE_TEXT -> {
                int limit = question.maxLength() == null ? DEFAULT_TEXT_LIMIT : question.maxLength();
                if (!value.isTextual() || value.textValue().isBlank()) {
                    return "must be text";
                }
                if (value.textValue().length() > limit) {
                    return "must be at most " + limit + " characters";
                }
                values.add(AnswerValue.text(key, value.textValue().strip()));
            }
            default -> throw new IllegalStateException("unknown question type " + type);
        }
        return null;
    }

    private static boolean outside(BigDecimal value, BigDecimal min, BigDecimal max) {
        return value.compareTo(min) < 0 || value.compareTo(max) > 0;
    }

    private static List<String> choiceKeys(Question question) {
        return question.choices().stream().map(Choice::key).toList();
    }
}
