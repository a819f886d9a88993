package app.asynchealth.integration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.persistence.EmbeddedDatabase;
import app.asynchealth.support.PackagedService;
import app.asynchealth.support.ReplicaPair;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two packaged replicas that started together on one new database: both migrated it without a clash, and they share
 * one HR rate limit, so a caller spread over both gets exactly the configured number of requests, not twice it.
 */
class SharedLimitsIT {

    static ReplicaPair pair;

    @BeforeAll
    static void replicas() {
        pair = ReplicaPair.get();
    }

    static String bootstrap(Map<String, String> request) {
        return given().baseUri(pair.first.baseUri().toString()).contentType(ContentType.JSON).body(request)
                .post("/api/v1/bootstrap/tokens").then().statusCode(200).extract().path("accessToken");
    }

    @Test
    void bothReplicasMigratedTheNewDatabaseOnceBetweenThem() throws SQLException {
        EmbeddedDatabase database = pair.database.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.OWNER_ROLE,
                database.password());
                ResultSet history = connection.createStatement().executeQuery("""
                        SELECT version, count(*), bool_and(success) FROM flyway_schema_history
                        WHERE version IS NOT NULL GROUP BY version ORDER BY version::int""")) {
            List<String> versions = new ArrayList<>();
            while (history.next()) {
                assertThat(history.getInt(2)).as("runs of migration %s", history.getString(1)).isEqualTo(1);
                assertThat(history.getBoolean(3)).as("migration %s succeeded", history.getString(1)).isTrue();
                versions.add(history.getString(1));
            }
            assertThat(versions).hasSizeGreaterThanOrEqualTo(11).startsWith("1", "2", "3");
        }
        for (PackagedService replica : List.of(pair.first, pair.second)) {
            given().baseUri(replica.baseUri().toString()).get("/q/health/ready").then().statusCode(200);
        }
    }

    @Test
    void aCallerSpreadOverBothReplicasGetsTheLimitOnceNotOncePerReplica() throws Exception {
        String tenant = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(pair.second.baseUri().toString()).auth().oauth2(bootstrap(Map.of("role", "platform-admin")))
                .contentType(ContentType.JSON).body(Map.of("id", tenant, "name", "Limits"))
                .post("/api/v1/tenants").then().statusCode(201);
        String hr = bootstrap(Map.of("role", "hr-analyst", "tenant", tenant, "subject", "hr-system"));

        // Three times the limit, from two clients at once, each request to the other replica than the last.
        int requests = 3 * ReplicaPair.HR_REQUESTS;
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            PackagedService replica = i % 2 == 0 ? pair.first : pair.second;
            answers.add(CompletableFuture.supplyAsync(() -> given().baseUri(replica.baseUri().toString())
                    .auth().oauth2(hr).accept(ContentType.JSON).get("/api/v1/organization/profile"), clients));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(Response::statusCode).toList();
        clients.shutdown();

        assertThat(statuses).containsOnly(200, 429);
        assertThat(statuses.stream().filter(status -> status == 200).count())
                .as("requests allowed over both replicas").isEqualTo(ReplicaPair.HR_REQUESTS);
        // Either replica now refuses, and says so the same way.
        for (PackagedService replica : List.of(pair.first, pair.second)) {
            Response refused = given().baseUri(replica.baseUri().toString()).auth().oauth2(hr)
                    .get("/api/v1/organization/profile");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("RateLimit-Limit")).isEqualTo(Integer.toString(ReplicaPair.HR_REQUESTS));
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        }
        // Another caller of the same tenant has its own allowance.
        String other = bootstrap(Map.of("role", "hr-analyst", "tenant", tenant, "subject", "other-hr"));
        given().baseUri(pair.second.baseUri().toString()).auth().oauth2(other).get("/api/v1/organization/profile")
                .then().statusCode(200).header("RateLimit-Remaining", Integer.toString(ReplicaPair.HR_REQUESTS - 1));
    }
}
