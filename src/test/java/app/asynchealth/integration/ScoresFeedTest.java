package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ScoresFeedTest {

    @Inject
    AsTenant asTenant;
    @Inject
    AssessmentRepository assessments;

    String tenant;
    String hr;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
    }

    /** A closed assessment of a new team, answered by {@code respondents} members. */
    String closedAssessment(String teamName, int respondents) {
        return ScoresExportTest.closedAssessment(tenant, teamName, respondents);
    }

    @Test
    void oneRowPerClosedAssessmentAndDimensionWithSuppressedRowsCarryingNoValues() {
        String visible = closedAssessment("visible", 5);
        String small = closedAssessment("small", 2);
        Api.as(hr).get("/api/v1/scores").then().statusCode(200).body("items", hasSize(16))
                .body("items.findAll { it.assessmentId == '" + visible + "' }.status", everyItem(equalTo("available")))
                .body("items.find { it.assessmentId == '" + visible + "' && it.dimension == 'deep-focus' }.score", equalTo(40.0f))
                .body("items.find { it.assessmentId == '" + visible + "' && it.dimension == 'deep-focus' }.benchmarkValue", equalTo(11.7f))
                .body("items.findAll { it.assessmentId == '" + small + "' }.status", everyItem(equalTo("suppressed")))
                .body("items.find { it.assessmentId == '" + small + "' }", not(hasKey("score")))
                .body("items.find { it.assessmentId == '" + small + "' }", not(hasKey("value")));
    }

    @Test
    void pagesStayCorrectWhileNewResultsArrive() {
        closedAssessment("first", 5);
        closedAssessment("second", 3);
        List<String> seen = new ArrayList<>();
        var page = Api.as(hr).queryParam("limit", 5).get("/api/v1/scores").then().statusCode(200).extract();
        page.jsonPath().getList("items", Map.class).forEach(row -> seen.add(row.get("assessmentId") + "/" + row.get("dimension")));
        String cursor = page.path("nextCursor");
        closedAssessment("third", 5); // closes while the client is paging
        while (cursor != null) {
            page = Api.as(hr).queryParam("limit", 5).queryParam("cursor", cursor).get("/api/v1/scores").then()
                    .statusCode(200).extract();
            page.jsonPath().getList("items", Map.class).forEach(row -> seen.add(row.get("assessmentId") + "/" + row.get("dimension")));
            cursor = page.path("nextCursor");
        }
        assertThat(seen).hasSize(24).doesNotHaveDuplicates();
    }

    @Test
    void filters() {
        String a = closedAssessment("alpha", 5);
        closedAssessment("beta", 5);
        Api.as(hr).queryParam("dimension", "deep-focus").get("/api/v1/scores").then().body("items", hasSize(2));
        String teamOfA = Api.as(hr).get("/api/v1/assessments/{id}", a).then().extract().path("teamId");
        Api.as(hr).queryParam("teamId", teamOfA).get("/api/v1/scores").then().body("items", hasSize(8))
                .body("items.assessmentId", everyItem(equalTo(a)));
        Api.as(hr).queryParam("updatedSince", java.time.Instant.now().plusSeconds(60).toString()).get("/api/v1/scores")
                .then().body("items", hasSize(0));
        Api.as(hr).queryParam("updatedSince", "2020-01-01T00:00:00Z").get("/api/v1/scores").then().body("items", hasSize(16));
    }

    @Test
    void badFiltersAndForeignCursorsAreRefused() {
        closedAssessment("one", 5);
        Api.as(hr).queryParam("sort", "score").get("/api/v1/scores").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        Api.as(hr).queryParam("updatedSince", "yesterday").get("/api/v1/scores").then().statusCode(400)
                .body("errors[0].field", equalTo("updatedSince"));
        Api.as(hr).queryParam("dimension", "happiness").get("/api/v1/scores").then().statusCode(400);
        Api.as(hr).queryParam("teamId", "nope").get("/api/v1/scores").then().statusCode(400);
        Api.as(hr).queryParam("cursor", "not-a-cursor").get("/api/v1/scores").then().statusCode(400);
        Api.as(hr).queryParam("limit", 1000).get("/api/v1/scores").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        Api.as(hr).queryParam("limit", 0).get("/api/v1/scores").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        String foreignCursor = Api.as(hr).queryParam("limit", 1).get("/api/v1/scores").then().extract().path("nextCursor");
        String otherHr = Tokens.as(Api.newTenant(), "hr", Roles.HR_ANALYST);
        Api.as(otherHr).queryParam("cursor", foreignCursor).get("/api/v1/scores").then().statusCode(400);
        Api.as(otherHr).get("/api/v1/scores").then().statusCode(200).body("items", hasSize(0));
        Api.as(Tokens.as(tenant, "m", Roles.MEMBER)).get("/api/v1/scores").then().statusCode(403);
    }

    io.restassured.response.ExtractableResponse<io.restassured.response.Response> poll(String cursor) {
        var request = Api.as(hr).queryParam("limit", 200);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/scores").then().statusCode(200).extract();
    }

    @Test
    void aClientPollsFromTheResumeCursorAndGetsOnlyWhatIsNew() {
        String first = closedAssessment("first", 5);
        var all = poll(null);
        assertThat(all.<List<String>>path("items.assessmentId")).hasSize(8).containsOnly(first);
        assertThat(all.<String>path("nextCursor")).isNull();
        String resume = all.path("resumeCursor");

        var nothingNew = poll(resume);
        assertThat(nothingNew.<List<Object>>path("items")).isEmpty();
        assertThat(nothingNew.<String>path("resumeCursor")).isEqualTo(resume);

        String second = closedAssessment("second", 2);
        assertThat(poll(resume).<List<String>>path("items.assessmentId")).hasSize(8).containsOnly(second);
    }

    @Test
    void aResultThatBecomesVisibleLateWithAnEarlierClosingTimeIsNotSkipped() {
        closedAssessment("early", 5);
        String resume = poll(null).path("resumeCursor");
        // A close that committed late, stamped before the results already served (a slow transaction, or a replica
        // whose clock is behind): ordered by closing time it would sort behind the client's cursor and be lost.
        String late = closedAssessment("late", 5);
        asTenant.call(tenant, () -> assessments.getEntityManager().createNativeQuery(
                "UPDATE assessment SET closed_at = closed_at - interval '1 hour' WHERE id = cast(:id as uuid)")
                .setParameter("id", late).executeUpdate());
        assertThat(poll(resume).<List<String>>path("items.assessmentId")).hasSize(8).containsOnly(late);
    }
}
