package app.asynchealth.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantResourceTest {

    private static String newId() {
        return "acme-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void platformAdminCreatesATenantWithDefaultsAndReadsItBack() {
        String id = newId();
        Api.as(Tokens.platformAdmin())
                .body(Map.of("id", id, "name", "Acme", "companySize", "51-500", "workingStyle", "hybrid"))
                .post("/api/v1/tenants").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/tenants/" + id))
                .header("ETag", "\"0\"")
                .body("id", equalTo(id)).body("anonymityThreshold", equalTo(5))
                .body("companySize", equalTo("51-500")).body("workingStyle", equalTo("hybrid"));
        Api.as(Tokens.tenantAdmin(id)).get("/api/v1/tenants/{id}", id).then().statusCode(200)
                .body("name", equalTo("Acme"));
    }

    @Test
    void onlyPlatformAdminsCreateTenants() {
        Api.as(Tokens.tenantAdmin("demo")).body(Map.of("id", newId(), "name", "Nope"))
                .post("/api/v1/tenants").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aTenantIdIsTakenOnce() {
        String id = newId();
        Api.as(Tokens.platformAdmin()).body(Map.of("id", id, "name", "First")).post("/api/v1/tenants").then().statusCode(201);
        Api.as(Tokens.platformAdmin()).body(Map.of("id", id, "name", "Second")).post("/api/v1/tenants").then()
                .statusCode(409).contentType("application/problem+json");
        Api.as(Tokens.platformAdmin()).get("/api/v1/tenants/{id}", id).then().body("name", equalTo("First"));
    }

    @Test
    void invalidSettingsAreRefusedFieldByField() {
        Map<String, Object> body = new HashMap<>();
        body.put("id", "Not_A_Slug");
        body.put("name", " ");
        body.put("anonymityThreshold", 2);
        Api.as(Tokens.platformAdmin()).body(body).post("/api/v1/tenants").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id")).body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("anonymityThreshold"));
        Api.as(Tokens.platformAdmin()).body(Map.of("id", newId(), "name", "X", "anonymityThreshold", 11))
                .post("/api/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("anonymityThreshold"));
        Api.as(Tokens.platformAdmin()).body(Map.of("id", newId(), "name", "X", "workingStyle", "nomadic"))
                .post("/api/v1/tenants").then().statusCode(400).body("errors[0].field", equalTo("workingStyle"))
                .body("errors[0].message", equalTo("must be one of \"remote\", \"hybrid\", \"in-office\""));
    }

    @Test
    void anotherTenantIsNotFound() {
        String mine = Api.newTenant();
        String theirs = Api.newTenant();
        Api.as(Tokens.tenantAdmin(mine)).get("/api/v1/tenants/{id}", theirs).then().statusCode(404);
        Api.as(Tokens.tenantAdmin(mine)).body(Map.of("name", "Taken over")).patch("/api/v1/tenants/{id}", theirs)
                .then().statusCode(404);
        Api.as(Tokens.platformAdmin()).get("/api/v1/tenants/{id}", theirs).then().body("name", equalTo("Tenant " + theirs));
    }

    @Test
    void tenantAdminChangesSettingsWithOptimisticConcurrency() {
        String id = Api.newTenant();
        String admin = Tokens.tenantAdmin(id);
        String etag = Api.as(admin).get("/api/v1/tenants/{id}", id).then().statusCode(200).extract().header("ETag");
        Api.as(admin).header("If-Match", etag).body(Map.of("anonymityThreshold", 8, "companySize", "1-50"))
                .patch("/api/v1/tenants/{id}", id).then().statusCode(200)
                .body("anonymityThreshold", equalTo(8)).body("companySize", equalTo("1-50"))
                .body("name", equalTo("Tenant " + id)).header("ETag", notNullValue());
        // The same, now stale, ETag is refused and changes nothing.
        Api.as(admin).header("If-Match", etag).body(Map.of("anonymityThreshold", 3))
                .patch("/api/v1/tenants/{id}", id).then().statusCode(412).contentType("application/problem+json");
        Api.as(admin).get("/api/v1/tenants/{id}", id).then().body("anonymityThreshold", equalTo(8));
    }

    @Test
    void membersMayReadButNotChangeTheirTenant() {
        String id = Api.newTenant();
        String member = Tokens.as(id, "someone", Roles.MEMBER);
        Api.as(member).get("/api/v1/tenants/{id}", id).then().statusCode(200);
        Api.as(member).body(Map.of("anonymityThreshold", 3)).patch("/api/v1/tenants/{id}", id).then().statusCode(403);
    }

    @Test
    void platformAdminsPageThroughAllTenants() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(Api.newTenant());
        }
        String platform = Tokens.platformAdmin();
        var first = Api.as(platform).queryParam("limit", 2).get("/api/v1/tenants").then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue())
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\"")).extract();
        List<String> seen = new ArrayList<>(first.jsonPath().getList("items.id", String.class));
        String cursor = first.path("nextCursor");
        // However many tenants the shared database holds, the pages add up to all of them, once each.
        for (int pages = 1; cursor != null; pages++) {
            assertThat(pages).as("pages of tenants").isLessThan(10_000);
            var page = Api.as(platform).queryParam("limit", 200).queryParam("cursor", cursor).get("/api/v1/tenants")
                    .then().statusCode(200).extract();
            List<String> items = page.jsonPath().getList("items.id", String.class);
            assertThat(items).isNotEmpty().hasSizeLessThanOrEqualTo(200);
            seen.addAll(items);
            cursor = page.path("nextCursor");
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
    }
}
