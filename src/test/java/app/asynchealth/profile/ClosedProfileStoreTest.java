package app.asynchealth.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentClosed;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A closed assessment's final profile is stored once, in the closing transaction, and is what every reader serves
 * (docs/scoring.md, section 8, "Closed profiles are kept").
 */
@QuarkusTest
class ClosedProfileStoreTest {

    @Inject
    AsTenant asTenant;
    @Inject
    EntityManager entityManager;
    @Inject
    AssessmentRepository assessments;
    @Inject
    Event<AssessmentClosed> closed;
    @Inject
    ObjectMapper json;

    String tenant;
    String admin;
    String team;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
        team = Api.newTeam(tenant, "Stored");
    }

    @Test
    void theCloseStoresTheProfileTheApiServes() throws Exception {
        String id = Api.closedRound(tenant, team, "s-", 5, ProfileResourceTest.answers(8, "often"));
        Map<String, Object> row = row(id);
        assertThat(row).isNotNull();
        assertThat(row.get("respondents")).isEqualTo(5);
        assertThat(row.get("scoring_model")).isEqualTo("3");
        assertThat(row.get("segments")).isEqualTo("");
        String served = Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then().statusCode(200).extract()
                .asString();
        assertThat(json.readTree((String) row.get("profile"))).isEqualTo(json.readTree(served));
    }

    @Test
    void aSuppressedProfileIsStoredSuppressed() {
        String id = Api.closedRound(tenant, team, "few-", 2, ProfileResourceTest.answers(8, "often"));
        Map<String, Object> row = row(id);
        assertThat(row.get("respondents")).isEqualTo(2);
        assertThat(row.get("scoring_model")).isNull();
        assertThat((String) row.get("profile")).contains("\"status\": \"suppressed\"");
    }

    @Test
    void aCloseThatRollsBackLeavesNoRow() {
        String id = Api.newAssessment(tenant, team);
        Api.open(tenant, id);
        Api.answer(tenant, team, id, "rb-", 5, ProfileResourceTest.answers(8, "often"));
        assertThatThrownBy(() -> asTenant.call(tenant, () -> {
            Assessment assessment = assessments.findById(UUID.fromString(id));
            assessment.close(Instant.now());
            assessments.flush();
            closed.fire(new AssessmentClosed(assessment.id, assessment.teamId, assessment.round, assessment.closedAt,
                    assessment.anonymityThreshold));
            assertThat(count(id)).as("stored inside the closing transaction").isEqualTo(1);
            throw new IllegalStateException("the close fails after its observers");
        })).hasMessageContaining("the close fails");
        assertThat(row(id)).isNull();
        assertThat(asTenant.call(tenant, () -> assessments.findById(UUID.fromString(id)).status))
                .isEqualTo(AssessmentStatus.OPEN);
    }

    @Test
    void aProfileClosedBeforeTheRowsExistedIsStoredOnFirstRead() {
        String id = Api.closedRound(tenant, team, "lazy-", 5, ProfileResourceTest.answers(8, "often"));
        asTenant.call(tenant, () -> entityManager.createNativeQuery("DELETE FROM closed_profile").executeUpdate());
        assertThat(row(id)).isNull();
        // The export reads in bulk: the missing row is computed and stored.
        Api.as(Tokens.as(tenant, "hr", app.asynchealth.platform.security.Roles.HR_ANALYST))
                .header("Accept", "application/x-ndjson").get("/api/v1/scores/export").then().statusCode(200);
        assertThat(row(id)).isNotNull();
        asTenant.call(tenant, () -> entityManager.createNativeQuery("DELETE FROM closed_profile").executeUpdate());
        Api.as(admin).get("/api/v1/teams/{id}/trend", team).then().statusCode(200);
        assertThat(row(id)).isNotNull();
    }

    @Test
    void aChangeOfTheTenantsSegmentsReplacesTheRow() {
        String id = Api.closedRound(tenant, team, "seg-", 5, ProfileResourceTest.answers(8, "often"));
        Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then().statusCode(200)
                .body("comparison.companySize", equalTo(null));
        Api.as(admin).body(Map.of("companySize", "500+")).patch("/api/v1/tenants/{id}", tenant).then().statusCode(200);
        Api.as(admin).get("/api/v1/assessments/{id}/profile", id).then().statusCode(200)
                .body("comparison.companySize", equalTo("large"));
        assertThat(row(id).get("segments")).isEqualTo("companySize:LARGE");
        assertThat((String) row(id).get("profile")).contains("\"companySize\": \"large\"");
    }

    private long count(String id) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM closed_profile WHERE assessment_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult()).longValue();
    }

    private Map<String, Object> row(String id) {
        return asTenant.call(tenant, () -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    SELECT respondents, scoring_model, segments, profile::text FROM closed_profile
                    WHERE assessment_id = ?1""").setParameter(1, UUID.fromString(id)).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.get(0);
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("respondents", r[0]);
            row.put("scoring_model", r[1]);
            row.put("segments", r[2]);
            row.put("profile", r[3]);
            return row;
        });
    }
}
