package app.asynchealth.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.Answer;
import app.asynchealth.scoring.core.ProfileCalculator;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.scoring.core.TeamProfile;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The database's aggregates are exactly those the scoring core computes from the same answers. */
@QuarkusTest
class SqlAggregatesTest {

    @Inject
    SqlAggregates sql;
    @Inject
    AsTenant asTenant;

    final ScoringModel model = ScoringModels.load().forTemplate(BuiltInTemplates.load().find("async-health", 1).orElseThrow())
            .orElseThrow();

    @Test
    void sqlAndJavaAgree() throws Exception {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Aggregated");
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        Random random = new Random(3);
        List<Map<String, Answer>> submitted = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 9; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "m" + i, "subject", "m" + i));
            Map<String, Answer> answers = new HashMap<>();
            model.questions().forEach((key, scoring) -> answers.put(key, ProfileCalculatorTest.randomAnswer(scoring, random)));
            answers.put("focus-hours", Answer.of(Math.round(random.nextDouble() * 400) / 10.0));
            answers.put("realtime-share", Answer.of(random.nextInt(101)));
            if (i >= 3) {
                answers.remove("after-hours-reason"); // optional: answered by three, under the threshold
            }
            // The questions that place the team in a report segment are counted too, like any choice.
            answers.put("working-style", Answer.of(i % 3 == 0 ? "in-office" : "hybrid"));
            answers.put("team-async-style", Answer.of("mostly-async"));
            Map<String, Object> body = new HashMap<>(Map.of("role", "ic", "hours-worked", 40));
            answers.forEach((key, answer) -> body.put(key, answer.choice() != null ? answer.choice()
                    : answer.number().stripTrailingZeros().scale() <= 0 ? (Object) answer.number().intValue()
                    : (Object) answer.number().doubleValue()));
            boolean submit = i < 8; // the last one stays a draft and must not count
            Api.as(Tokens.as(tenant, "m" + i, Roles.MEMBER))
                    .body(json.writeValueAsString(Map.of("answers", body, "submitted", submit)))
                    .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
            if (submit) {
                submitted.add(answers);
            }
        }
        Aggregates expected = Aggregates.of(submitted, model);
        Aggregates actual = asTenant.call(tenant, () -> sql.of(List.of(UUID.fromString(assessment)), model));
        assertThat(actual.respondents()).isEqualTo(8);
        assertThat(actual.categorical()).isEqualTo(expected.categorical());
        assertThat(actual.numeric().keySet()).isEqualTo(expected.numeric().keySet());
        for (String question : expected.numeric().keySet()) {
            var e = expected.numeric().get(question);
            var a = actual.numeric().get(question);
            assertThat(a.count()).isEqualTo(e.count());
            assertThat(a.below()).isEqualTo(e.below());
            assertThat(a.sum()).isEqualByComparingTo(e.sum());
            assertThat(a.sumOfSquares()).isEqualByComparingTo(e.sumOfSquares());
            assertThat(a.scoreSum()).isEqualByComparingTo(e.scoreSum());
        }
        // And so the same profile, figure by figure: the optional question is suppressed on both paths.
        ProfileCalculator calculator = new ProfileCalculator(model, BenchmarkDataset.load()::benchmark);
        TeamProfile fromSql = calculator.compute(actual, Set.of(), 5);
        assertThat(fromSql).isEqualTo(calculator.compute(expected, Set.of(), 5));
        assertThat(fromSql.dimensions()).flatExtracting(TeamProfile.DimensionResult::questions)
                .filteredOn(question -> question.key().equals("after-hours-reason"))
                .singleElement().satisfies(question -> {
                    assertThat(question.answered()).isEqualTo(3);
                    assertThat(question.published()).isFalse();
                });
        // The batch form for exports: each assessment's aggregates exactly as of() gives them alone.
        UUID none = UUID.randomUUID();
        Map<UUID, Aggregates> each = asTenant.call(tenant, () -> sql.ofEach(List.of(UUID.fromString(assessment), none),
                model));
        assertThat(each.get(UUID.fromString(assessment))).isEqualTo(actual);
        assertThat(each.get(none).respondents()).isZero();
        assertThat(each.get(none).categorical()).isEmpty();
    }
}
