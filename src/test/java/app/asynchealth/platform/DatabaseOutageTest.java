package app.asynchealth.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.persistence.EmbeddedDatabase;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.support.Api;
import app.asynchealth.support.LocalInstallationResource;
import app.asynchealth.support.Superuser;
import app.asynchealth.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The database goes away and comes back: meanwhile every request that needs it gets 503 with Retry-After and the
 * service is not ready; afterwards it answers again by itself, without a restart.
 */
@QuarkusTest
class DatabaseOutageTest {

    static final String APP = EmbeddedDatabase.APP_ROLE;

    @Inject
    AgroalDataSource pool;

    @Test
    void requestsGet503WithRetryAfterWhileTheDatabaseIsGoneAndTheServiceRecoversByItself() throws Exception {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Outage");
        String admin = Tokens.tenantAdmin(tenant);
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        Api.newMember(tenant, team, Map.of("externalId", "o1", "subject", "outage-1"));
        String member = Tokens.as(tenant, "outage-1", Roles.MEMBER);
        // A tenant never seen before makes the identity check itself go to the database.
        String unseenTenant = Api.newTenant();
        try {
            cutOff();
            unavailable(Api.as(admin).get("/api/v1/teams"));
            unavailable(Api.as(admin).body(Map.of("name", "During the outage")).post("/api/v1/teams"));
            unavailable(Api.as(member).body("{\"answers\": {\"focus-hours\": 5}}")
                    .put("/api/v1/assessments/{id}/response", assessment));
            unavailable(Api.as(Tokens.tenantAdmin(unseenTenant)).get("/api/v1/teams"));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            restore();
        }
        // Back by itself within seconds: ready, and the same requests succeed; nothing from the outage was stored.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Api.as(admin).get("/api/v1/teams").statusCode() != 200) {
            assertThat(Instant.now()).as("recovered within 30 s").isBefore(deadline);
            Thread.sleep(200);
        }
        given().get("/q/health/ready").then().statusCode(200);
        Api.as(admin).get("/api/v1/teams").then().statusCode(200).body("items.size()", equalTo(1));
        Api.as(member).body("{\"answers\": {\"focus-hours\": 5}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
        Api.as(Tokens.tenantAdmin(unseenTenant)).get("/api/v1/teams").then().statusCode(200);
    }

    /**
     * PostgreSQL up but refusing new connections, each in its own words (SQLSTATE 55000 for a database closed to
     * connections, 53300 for a role at its connection limit): with no pooled connection left, a request and the
     * identity check alike get 503, not the 500 of an unknown failure.
     */
    @Test
    void newConnectionsRefusedByTheDatabaseGet503WithRetryAfter() throws Exception {
        String tenant = Api.newTenant();
        String admin = Tokens.tenantAdmin(tenant);
        Api.as(admin).get("/api/v1/teams").then().statusCode(200);
        // The HR routes take a connection for the rate limit first, through a library rather than Hibernate.
        String analyst = Tokens.as(tenant, "hr-" + tenant, Roles.HR_ANALYST);
        Api.as(analyst).get("/api/v1/scores").then().statusCode(200);
        String unseenTenant = Api.newTenant();
        for (String[] refusal : new String[][] {
                { "ALTER DATABASE " + EmbeddedDatabase.DATABASE + " ALLOW_CONNECTIONS false",
                        "ALTER DATABASE " + EmbeddedDatabase.DATABASE + " ALLOW_CONNECTIONS true" },
                { "ALTER ROLE " + APP + " CONNECTION LIMIT 0", "ALTER ROLE " + APP + " CONNECTION LIMIT -1" } }) {
            try {
                asSuperuserOnMaintenanceDatabase(refusal[0],
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + APP + "'");
                pool.flush(AgroalDataSource.FlushMode.ALL);
                unavailable(Api.as(admin).get("/api/v1/teams"));
                unavailable(Api.as(admin).body(Map.of("name", "While refused")).post("/api/v1/teams"));
                unavailable(Api.as(Tokens.tenantAdmin(unseenTenant)).get("/api/v1/teams"));
                unavailable(Api.as(analyst).get("/api/v1/scores"));
            } finally {
                asSuperuserOnMaintenanceDatabase(refusal[1]);
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Api.as(admin).get("/api/v1/teams").statusCode() != 200) {
                assertThat(Instant.now()).as("recovered within 30 s").isBefore(deadline);
                Thread.sleep(200);
            }
        }
        Api.as(admin).get("/api/v1/teams").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** Through the database "postgres": the service's own database may be the one refusing connections. */
    private static void asSuperuserOnMaintenanceDatabase(String... statements) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("async-health.db.url", String.class)
                .replace("/" + EmbeddedDatabase.DATABASE, "/postgres");
        String password = ConfigProvider.getConfig().getValue(LocalInstallationResource.SUPERUSER_PASSWORD,
                String.class);
        try (Connection connection = DriverManager.getConnection(url, EmbeddedDatabase.SUPERUSER, password);
                Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static void unavailable(Response response) {
        response.then().statusCode(503).contentType("application/problem+json").body("status", equalTo(503))
                .body("type", equalTo("urn:async-health:problem:unavailable"));
        assertThat(response.header("Retry-After")).as("Retry-After").isNotNull().matches("[1-9][0-9]*");
    }

    /** The application role may no longer log in, and its open connections are ended. */
    private static void cutOff() {
        Superuser.execute("ALTER ROLE " + APP + " NOLOGIN");
        Superuser.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + APP + "'");
    }

    private static void restore() {
        Superuser.execute("ALTER ROLE " + APP + " LOGIN");
    }
}
