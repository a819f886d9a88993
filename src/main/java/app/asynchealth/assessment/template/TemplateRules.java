package app.asynchealth.assessment.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.asynchealth.assessment.template.TemplateDefinition.Choice;
import app.asynchealth.assessment.template.TemplateDefinition.Dimension;
import app.asynchealth.assessment.template.TemplateDefinition.Question;

/** What makes a template usable; checked for built-in templates at start and for tenant templates on creation. */
public final class TemplateRules {

    public static final String KEY_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";

    private TemplateRules() {
    }

    /** @return one message per violated rule, each prefixed with the question it concerns */
    public static List<String> violations(TemplateDefinition template) {
        List<String> problems = new ArrayList<>();
        Set<String> dimensions = new HashSet<>();
        for (Dimension dimension : template.dimensions()) {
            dimensions.add(dimension.key());
        }
        Set<String> keys = new HashSet<>();
        for (Question question : template.questions()) {
            String at = "questions[" + question.key() + "]: ";
            if (question.key() == null || !question.key().matches(KEY_PATTERN)) {
                problems.add(at + "key must be lowercase letters, digits and hyphens");
            }
            if (!keys.add(question.key())) {
                problems.add(at + "duplicate key");
            }
            if (question.type() == null || question.text() == null || question.text().isBlank()) {
                problems.add(at + "needs a type and a text");
                continue;
            }
            if (question.scored()) {
                if (question.dimension() == null || !dimensions.contains(question.dimension())) {
                    problems.add(at + "a scored question names one of the template's dimensions");
                }
                if (question.benchmarks() == null || question.benchmarks().isEmpty()) {
                    problems.add(at + "a scored question names the report figures it is compared with");
                }
                if (question.type() == QuestionType.FREE_TEXT) {
                    problems.add(at + "free text is never scored");
                }
            }
            if (question.type().hasChoices()) {
                Set<String> choiceKeys = new HashSet<>();
                if (question.choices() == null || question.choices().size() < 2) {
                    problems.add(at + "needs at least two choices");
                } else {
                    for (Choice choice : question.choices()) {
                        if (choice.key() == null || !choice.key().matches(KEY_PATTERN) || !choiceKeys.add(choice.key())) {
                            problems.add(at + "choice keys are distinct lowercase slugs");
                        }
                    }
                }
            }
            if (question.type() == QuestionType.NUMBER && (question.min() == null || question.max() == null
                    || question.min().compareTo(question.max()) >= 0 || question.unit() == null)) {
                problems.add(at + "a number question has a unit and min < max");
            }
            if (question.min() != null && question.min().compareTo(BigDecimal.valueOf(-1_000_000)) < 0
                    || question.max() != null && question.max().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                problems.add(at + "bounds must lie within -1000000 and 1000000");
            }
        }
        for (Question question : template.questions()) {
            if (question.replaces() != null && keys.contains(question.replaces())) {
                problems.add("questions[" + question.key() + "]: replaces a question still in the template");
            }
        }
        return problems;
    }
}
