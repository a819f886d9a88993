package app.asynchealth.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TeamResourceTest {

    String tenant;
    String admin;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
        admin = Tokens.tenantAdmin(tenant);
    }

    @Test
    void tenantAdminCreatesReadsChangesAndDeletesATeam() {
        String id = Api.as(admin).body(Map.of("name", "  Platform  ", "description", "Runs the platform"))
                .post("/api/v1/teams").then().statusCode(201)
                .header("Location", containsString("/api/v1/teams/")).header("ETag", "\"0\"")
                .body("name", equalTo("Platform")).extract().path("id");
        String etag = Api.as(admin).get("/api/v1/teams/{id}", id).then().statusCode(200)
                .body("description", equalTo("Runs the platform")).extract().header("ETag");
        Api.as(admin).header("If-Match", etag).body(Map.of("name", "Platform Engineering"))
                .patch("/api/v1/teams/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("name", equalTo("Platform Engineering")).body("description", equalTo("Runs the platform"));
        Api.as(admin).header("If-Match", etag).delete("/api/v1/teams/{id}", id).then().statusCode(412);
        Api.as(admin).header("If-Match", "\"1\"").delete("/api/v1/teams/{id}", id).then().statusCode(204);
        Api.as(admin).get("/api/v1/teams/{id}", id).then().statusCode(404);
    }

    /**
     * A team with assessments is refused by a rule of its own, checked before the delete (no foreign-key failure in
     * the database, nor its SQL in the log); deleting its drafts first makes it deletable.
     */
    @Test
    void aTeamWithAssessmentsIsKeptUntilItsDraftsAreDeleted() {
        String team = Api.newTeam(tenant, "Research");
        String draft = Api.newAssessment(tenant, team);
        List<String> logged = new ArrayList<>();
        Handler sql = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger hibernate = Logger.getLogger("org.hibernate.engine.jdbc.spi.SqlExceptionHelper");
        hibernate.addHandler(sql);
        try {
            Api.as(admin).delete("/api/v1/teams/{id}", team).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:async-health:problem:team-has-assessments"))
                    .body("detail", containsString("delete them first"));
        } finally {
            hibernate.removeHandler(sql);
        }
        assertThat(logged).isEmpty();
        Api.as(admin).get("/api/v1/teams/{id}", team).then().statusCode(200);

        String opened = Api.newAssessment(tenant, team);
        Api.open(tenant, opened);
        Api.as(admin).delete("/api/v1/assessments/{id}", draft).then().statusCode(204);
        Api.as(admin).delete("/api/v1/teams/{id}", team).then().statusCode(409)
                .body("type", equalTo("urn:async-health:problem:team-has-assessments"))
                .body("detail", containsString("opened"));

        String other = Api.newTeam(tenant, "Short-lived");
        String itsDraft = Api.newAssessment(tenant, other);
        Api.as(admin).delete("/api/v1/assessments/{id}", itsDraft).then().statusCode(204);
        Api.as(admin).delete("/api/v1/teams/{id}", other).then().statusCode(204);
    }

    @Test
    void teamNamesAreUniqueWithinATenantOnly() {
        Api.newTeam(tenant, "Growth");
        Api.as(admin).body(Map.of("name", "growth")).post("/api/v1/teams").then().statusCode(409)
                .contentType("application/problem+json");
        Api.newTeam(Api.newTenant(), "Growth");
    }

    @Test
    void clientSuppliedIdsAndTenantsAreRefused() {
        Api.as(admin).body(Map.of("name", "X", "id", "00000000-0000-0000-0000-000000000001"))
                .post("/api/v1/teams").then().statusCode(400).body("errors[0].field", equalTo("id"));
        Api.as(admin).body(Map.of("name", "X", "tenantId", "demo"))
                .post("/api/v1/teams").then().statusCode(400).body("errors[0].field", equalTo("tenantId"));
        Api.as(admin).get("/api/v1/teams").then().body("items", hasSize(0));
    }

    @Test
    void listsArePagedWithCursorsAndNextLinks() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Api.newTeam(tenant, "Team " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.as(admin).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/teams").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            if (cursor != null) {
                org.assertj.core.api.Assertions.assertThat(page.header("Link")).contains("cursor=" + cursor, "rel=\"next\"");
            }
            pages++;
        } while (cursor != null);
        org.assertj.core.api.Assertions.assertThat(seen).containsExactlyElementsOf(created);
        org.assertj.core.api.Assertions.assertThat(pages).isEqualTo(3);
    }

    @Test
    void badPagingParametersAreRefused() {
        Api.as(admin).queryParam("limit", 0).get("/api/v1/teams").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        Api.as(admin).queryParam("limit", 201).get("/api/v1/teams").then().statusCode(400);
        Api.as(admin).queryParam("limit", "ten").get("/api/v1/teams").then().statusCode(400);
        Api.as(admin).queryParam("cursor", "garbage!").get("/api/v1/teams").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aCursorFromAnotherTenantIsRefused() {
        String other = Api.newTenant();
        Api.newTeam(other, "A");
        Api.newTeam(other, "B");
        String foreignCursor = Api.as(Tokens.tenantAdmin(other)).queryParam("limit", 1).get("/api/v1/teams")
                .then().extract().path("nextCursor");
        Api.as(admin).queryParam("cursor", foreignCursor).get("/api/v1/teams").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void membersAndLeadsSeeOnlyTheirOwnTeams() {
        String mine = Api.newTeam(tenant, "Mine");
        String notMine = Api.newTeam(tenant, "Not mine");
        Api.newMember(tenant, mine, Map.of("email", "lee@example.com", "subject", "lee", "role", "lead"));
        String lead = Tokens.as(tenant, "lee", Roles.TEAM_LEAD);
        Api.as(lead).get("/api/v1/teams").then().statusCode(200)
                .body("items.id", hasItem(mine)).body("items.id", not(hasItem(notMine)));
        Api.as(lead).get("/api/v1/teams/{id}", notMine).then().statusCode(404);
        Api.as(Tokens.as(tenant, "hr", Roles.HR_ANALYST)).get("/api/v1/teams").then()
                .body("items.id", hasItem(mine)).body("items.id", hasItem(notMine));
    }

    @Test
    void aLeadManagesOwnTeamOnly() {
        String mine = Api.newTeam(tenant, "Mine");
        String other = Api.newTeam(tenant, "Other");
        Api.newMember(tenant, mine, Map.of("email", "lee@example.com", "subject", "lee", "role", "lead"));
        Api.newMember(tenant, other, Map.of("email", "lee@example.com", "subject", "lee", "role", "member"));
        String lead = Tokens.as(tenant, "lee", Roles.TEAM_LEAD);
        Api.as(lead).body(Map.of("description", "Ours")).patch("/api/v1/teams/{id}", mine).then().statusCode(200);
        Api.as(lead).body(Map.of("description", "Theirs")).patch("/api/v1/teams/{id}", other).then().statusCode(403);
        Api.as(lead).delete("/api/v1/teams/{id}", mine).then().statusCode(403);
        Api.as(lead).body(Map.of("name", "New")).post("/api/v1/teams").then().statusCode(403);
        // A member of the team who is its lead in the roster but lacks the team-lead role manages nothing.
        Api.as(Tokens.as(tenant, "lee", Roles.MEMBER)).body(Map.of("description", "x"))
                .patch("/api/v1/teams/{id}", mine).then().statusCode(403);
    }

    @Test
    void aFailedUpdateChangesNothing() {
        String id = Api.newTeam(tenant, "Stable");
        Api.newTeam(tenant, "Taken");
        Api.as(admin).body(Map.of("name", "Taken")).patch("/api/v1/teams/{id}", id).then().statusCode(409);
        Api.as(admin).body(Map.of("name", "")).patch("/api/v1/teams/{id}", id).then().statusCode(400);
        Api.as(admin).get("/api/v1/teams/{id}", id).then().body("name", equalTo("Stable")).header("ETag", "\"0\"");
    }

    @Test
    void platformAdminsHaveNoTenantData() {
        Api.newTeam(tenant, "Hidden");
        Api.as(Tokens.platformAdmin()).get("/api/v1/teams").then().statusCode(403);
    }

    @Test
    void emptyDescriptionStaysNull() {
        Api.as(admin).body(Map.of("name", "Quiet")).post("/api/v1/teams").then().statusCode(201)
                .body("description", nullValue()).body("createdAt", notNullValue());
    }
}
