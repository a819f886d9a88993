package app.asynchealth.answering;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import app.asynchealth.assessment.template.QuestionType;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.assessment.template.TemplateDefinition.Choice;
import app.asynchealth.assessment.template.TemplateDefinition.Question;
import app.asynchealth.platform.problem.Problem.FieldError;
import app.asynchealth.response.AnswerValidator;

/**
 * The round's questions as an HTML form: what each field shows (the template's wording, the saved or just sent value,
 * its message) and what a sent form means as answers. Whether answers are valid is decided by the API's own
 * {@link AnswerValidator}, never here; this only reads the form and words the validator's findings for people.
 */
final class AnswerForm {

    /** Form fields of answers are named {@code q.<question key>}, so they never meet the form's other fields. */
    static final String PREFIX = "q.";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,3}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,15}([.,][0-9]{1,15})?");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnswerForm() {
    }

    /** One option of a choice or Likert group. */
    public record Option(String id, String value, String label, boolean checked) {
    }

    /**
     * One question as a form field.
     *
     * @param kind single, multi, likert, number or text
     */
    public record Field(String key, String kind, String id, String name, String text, boolean required,
            List<Option> options, String value, String min, String max, String unit, int maxLength, String hint,
            String error) {

        public boolean group() {
            return !options.isEmpty();
        }

        public String hintId() {
            return id + "-hint";
        }

        public String errorId() {
            return id + "-error";
        }

        /** Where the error summary links to: the field, or a group's first option. */
        public String target() {
            return options.isEmpty() ? id : options.get(0).id();
        }

        /** The ids of the hint and the message that describe the field, or "" for none. */
        public String describedBy() {
            List<String> ids = new ArrayList<>();
            if (!hint.isEmpty()) {
                ids.add(hintId());
            }
            if (!error.isEmpty()) {
                ids.add(errorId());
            }
            return String.join(" ", ids);
        }
    }

    /** The values a form shows, by question key: as saved (from the API's representation) or as just sent. */
    static Map<String, List<String>> savedValues(Map<String, Object> answers) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        answers.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                values.put(key, list.stream().map(String::valueOf).toList());
            } else if (value instanceof BigDecimal number) {
                values.put(key, List.of(number.stripTrailingZeros().toPlainString()));
            } else if (value != null) {
                values.put(key, List.of(String.valueOf(value)));
            }
        });
        return values;
    }

    static Map<String, List<String>> sentValues(MultivaluedMap<String, String> form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        form.forEach((name, sent) -> {
            if (name.startsWith(PREFIX) && sent != null) {
                values.put(name.substring(PREFIX.length()), sent);
            }
        });
        return values;
    }

    /**
     * What the sent form answers, as the API's ResponseUpdate carries it: an empty field is a question left
     * unanswered; a value that is not what its question takes is passed on as text, for the validator to refuse.
     */
    static Map<String, JsonNode> answers(TemplateDefinition template, Map<String, List<String>> sent) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (Question question : template.questions()) {
            List<String> values = sent.getOrDefault(question.key(), List.of()).stream()
                    .filter(value -> value != null && !value.isBlank()).toList();
            if (values.isEmpty()) {
                continue;
            }
            String first = values.get(0).strip();
            JsonNode answer = switch (question.type()) {
                case MULTI_CHOICE -> {
                    ArrayNode picked = JSON.arrayNode();
                    values.forEach(value -> picked.add(value.strip()));
                    yield picked;
                }
                case SINGLE_CHOICE -> JSON.textNode(first);
                case LIKERT_5 -> WHOLE.matcher(first).matches() ? JSON.numberNode(Integer.parseInt(first))
                        : JSON.textNode(first);
                case NUMBER, PERCENT -> DECIMAL.matcher(first).matches()
                        ? JSON.numberNode(new BigDecimal(first.replace(',', '.')))
                        : JSON.textNode(first);
                case FREE_TEXT -> JSON.textNode(values.get(0));
            };
            answers.put(question.key(), answer);
        }
        return answers;
    }

    /** The fields of the template's questions, showing these values and the validator's findings (by field). */
    static List<Field> fields(TemplateDefinition template, Map<String, List<String>> values, List<FieldError> errors,
            RespondMessages msg) {
        Map<String, String> messages = new LinkedHashMap<>();
        if (errors != null) {
            for (FieldError error : errors) {
                String key = error.field().startsWith("answers.") ? error.field().substring("answers.".length())
                        : error.field();
                template.question(key).ifPresent(question -> messages.putIfAbsent(key, worded(question, error.message(), msg)));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Question question : template.questions()) {
            List<String> current = values.getOrDefault(question.key(), List.of());
            String id = "q-" + question.key();
            String name = PREFIX + question.key();
            String error = messages.getOrDefault(question.key(), "");
            String first = current.isEmpty() ? "" : current.get(0);
            Field field = switch (question.type()) {
                case SINGLE_CHOICE, MULTI_CHOICE -> new Field(question.key(),
                        question.type() == QuestionType.MULTI_CHOICE ? "multi" : "single", id, name, question.text(),
                        question.required(), choices(id, question, current), "", "", "", "", 0, "", error);
                case LIKERT_5 -> new Field(question.key(), "likert", id, name, question.text(), question.required(),
                        scale(id, question, current, msg), "", "", "", "", 0, "", error);
                case NUMBER, PERCENT -> {
                    BigDecimal min = question.type() == QuestionType.PERCENT ? BigDecimal.ZERO : question.min();
                    BigDecimal max = question.type() == QuestionType.PERCENT ? HUNDRED : question.max();
                    String unit = question.unit() != null ? question.unit()
                            : question.type() == QuestionType.PERCENT ? "%" : "";
                    yield new Field(question.key(), "number", id, name, question.text(), question.required(),
                            List.of(), first, min.toPlainString(), max.toPlainString(), unit, 0,
                            msg.numberHint(min.toPlainString(), max.toPlainString(), unit).strip(), error);
                }
                case FREE_TEXT -> {
                    int limit = question.maxLength() == null ? AnswerValidator.DEFAULT_TEXT_LIMIT : question.maxLength();
                    yield new Field(question.key(), "text", id, name, question.text(), question.required(), List.of(),
                            first, "", "", "", limit, msg.textHint(limit), error);
                }
            };
            fields.add(field);
        }
        return fields;
    }

    private static List<Option> choices(String id, Question question, List<String> current) {
        List<Option> options = new ArrayList<>();
        for (Choice choice : question.choices()) {
            options.add(new Option(id + "-" + choice.key(), choice.key(), choice.label(), current.contains(choice.key())));
        }
        return options;
    }

    private static List<Option> scale(String id, Question question, List<String> current, RespondMessages msg) {
        List<Option> options = new ArrayList<>();
        for (int point = 1; point <= 5; point++) {
            String label = "";
            if (question.scale() != null) {
                label = point == 1 ? question.scale().minLabel() : point == 5 ? question.scale().maxLabel() : "";
            }
            options.add(new Option(id + "-" + point, String.valueOf(point),
                    msg.likertPoint(point, label == null ? "" : label), current.contains(String.valueOf(point))));
        }
        return options;
    }

    /** The validator's finding about one answer, in the page's words. */
    static String worded(Question question, String message, RespondMessages msg) {
        if (message.startsWith("is required")) {
            return msg.errRequired();
        }
        if (message.contains("decimals")) {
            return msg.errDecimals();
        }
        return switch (question.type()) {
            case LIKERT_5 -> msg.errLikert();
            case NUMBER -> msg.errNumber(question.min().toPlainString(), question.max().toPlainString());
            case PERCENT -> msg.errNumber("0", "100");
            case SINGLE_CHOICE -> msg.errSingle();
            case MULTI_CHOICE -> msg.errMulti();
            case FREE_TEXT -> message.startsWith("must be at most")
                    ? msg.errTextLong(question.maxLength() == null ? AnswerValidator.DEFAULT_TEXT_LIMIT : question.maxLength())
                    : msg.errText();
        };
    }
}
