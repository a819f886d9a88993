package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.platform.problem.Problem.FieldError;

class AnswerValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final TemplateDefinition template = BuiltInTemplates.load().find("async-health", 1).orElseThrow();

    static Map<String, JsonNode> answers(String json) throws Exception {
        Map<String, JsonNode> answers = new HashMap<>();
        JSON.readTree(json).fields().forEachRemaining(field -> answers.put(field.getKey(), field.getValue()));
        return answers;
    }

    static String complete() {
        return """
                {"role": "ic", "working-style": "hybrid", "team-async-style": "mostly-async",
                 "comm-guide-documented": "no", "comm-norms-clear": 2, "comm-effectiveness": 3,
                 "meetings-could-be-async": "often", "response-expectation": "within-an-hour",
                 "response-norms-agreed": 2, "focus-hours": 6.5, "hours-worked": 40, "realtime-share": 45,
                 "after-hours-frequency": "sometimes", "schedule-control": 3,
                 "async-alignment-effect": "somewhat-improves", "team-connectedness": 4,
                 "async-channels": ["written-docs", "chat"], "one-change": "Fewer status meetings"}""";
    }

    private AnswerValidator.Result validate(String json, boolean submit) throws Exception {
        return AnswerValidator.validate(template, answers(json), submit);
    }

    @Test
    void aCompleteResponseIsValidAndTyped() throws Exception {
        var result = validate(complete(), true);
        assertThat(result.errors()).isEmpty();
        assertThat(result.answers()).hasSize(18);
        assertThat(result.answers()).filteredOn(a -> a.questionKey().equals("focus-hours"))
                .singleElement().extracting(AnswerValue::number).hasToString("6.5");
        assertThat(result.answers()).filteredOn(a -> a.questionKey().equals("async-channels"))
                .singleElement().extracting(AnswerValue::choices).asList().containsExactly("written-docs", "chat");
    }

    @Test
    void aDraftMayLeaveRequiredQuestionsOpenButASubmissionMayNot() throws Exception {
        assertThat(validate("{\"focus-hours\": 10}", false).errors()).isEmpty();
        assertThat(validate("{\"focus-hours\": 10}", true).errors()).extracting(FieldError::field)
                .contains("answers.role", "answers.comm-guide-documented").doesNotContain("answers.focus-hours",
                        "answers.after-hours-reason", "answers.one-change");
    }

    @Test
    void eachTypeRefusesWhatItCannotHold() throws Exception {
        Map<String, String> bad = Map.of(
                "comm-norms-clear", "6", "comm-effectiveness", "2.5", "role", "\"astronaut\"",
                "focus-hours", "81", "realtime-share", "-1", "async-channels", "[\"chat\", \"chat\"]",
                "meetings-could-be-async", "3", "one-change", "\"   \"", "hours-worked", "\"forty\"",
                "after-hours-frequency", "[\"often\"]");
        for (var entry : bad.entrySet()) {
            var errors = validate("{\"" + entry.getKey() + "\": " + entry.getValue() + "}", false).errors();
            assertThat(errors).as(entry.getKey()).extracting(FieldError::field).containsExactly("answers." + entry.getKey());
        }
        assertThat(validate("{\"no-such-question\": 1}", false).errors()).extracting(FieldError::message)
                .containsExactly("is not a question of this assessment");
        assertThat(validate("{\"focus-hours\": 1.2345}", false).errors()).hasSize(1);
        assertThat(validate("{\"async-channels\": []}", false).errors()).hasSize(1);
        assertThat(validate("{\"one-change\": \"" + "x".repeat(2001) + "\"}", false).errors()).hasSize(1);
    }

    @Test
    void aQuestionLeftOutIsUnansweredAndNullIsRefused() throws Exception {
        var result = validate("{\"role\": \"ic\"}", false);
        assertThat(result.errors()).isEmpty();
        assertThat(result.answers()).extracting(AnswerValue::questionKey).containsExactly("role");
        assertThat(validate("{\"focus-hours\": null, \"role\": \"ic\"}", false).errors())
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(tuple("answers.focus-hours", "must not be null; leave it out instead"));
    }
}
