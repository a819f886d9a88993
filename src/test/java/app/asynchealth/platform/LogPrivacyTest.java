package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * No log line carries an e-mail address, a name, an answer, a claim code or a token. The error paths that meet
 * personal data (duplicate members, by check and by the database's own constraint under a race; refused text; unknown,
 * malformed and used claim codes; bad, forged and misplaced tokens; refused and withdrawn answers) run with values
 * that occur nowhere else, and the service's log file, as an operator would ship it, is then searched for them, and
 * for anything shaped like an e-mail address or a token left there by any test that ran before in this JVM.
 */
@QuarkusTest
class LogPrivacyTest {

    /** Written by the test profile's file handler (application.properties), like an operator's log file. */
    private static final Path LOG = Path.of("target", "quarkus-test.log");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}\\b");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @Inject
    AgroalDataSource dataSource;

    private final String probe = "pv" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> secrets = new ArrayList<>();

    @Test
    void theErrorPathsLogNoPersonalData() throws Exception {
        String tenant = Api.newTenant();
        String admin = Tokens.tenantAdmin(tenant);
        secrets.add(admin);
        String team = Api.newTeam(tenant, "Privacy");

        // Members: a duplicate refused by the service's check, on create and on change.
        String ada = "ada." + probe + "@example.com";
        Api.newMember(tenant, team, Map.of("externalId", "ext-" + probe, "email", ada, "displayName", "Ada " + probe));
        String other = Api.newMember(tenant, team, Map.of("externalId", "other-" + probe));
        Api.as(admin).body(Map.of("email", ada.toUpperCase())).post("/api/v1/teams/{id}/members", team).then()
                .statusCode(409);
        Api.as(admin).header("If-Match", "\"0\"").body(Map.of("externalId", "ext-" + probe))
                .patch("/api/v1/teams/{id}/members/{m}", team, other).then().statusCode(409);
        Api.as(admin).header("If-Match", "\"0\"").body(Map.of("email", ada))
                .patch("/api/v1/teams/{id}/members/{m}", team, other).then().statusCode(409);
        // ... and one that only the database's unique index can refuse: the same new member added at once, in parallel.
        raceForTheSameEmail(admin, team, "race." + probe + "@example.com");

        // Text the service refuses, naming a person.
        Api.as(admin).body("{\"name\": \"Grace " + probe + "\\u0000\"}").post("/api/v1/teams").then().statusCode(400);
        Api.as(admin).header("If-Match", "\"0\"").body("{\"displayName\": \"Grace " + probe + "\\u0007\"}")
                .patch("/api/v1/teams/{id}/members/{m}", team, other).then().statusCode(400);

        // Claim codes: unknown, malformed, used; a revoked seat.
        String assessment = Api.newAssessment(tenant, team);
        Api.open(tenant, assessment);
        List<String> codes = Api.invite(tenant, assessment).getList("issued.code", String.class);
        secrets.addAll(codes);
        claim(codes.get(0).substring(0, codes.get(0).length() - 3) + "zzz").statusCode(404);
        claim(probe + "-not-a-code").statusCode(oneOf(400, 404));
        String respondent = Api.claim(codes.get(0));
        secrets.add(respondent);
        claim(codes.get(0)).statusCode(oneOf(404, 409));

        // Tokens: forged, expired-looking garbage, and a respondent's credential where it has no business.
        String forged = respondent.substring(0, respondent.lastIndexOf('.') + 1) + "AAAA" + probe;
        secrets.add(forged);
        Api.as(forged).get("/api/v1/teams").then().statusCode(401);
        Api.as(respondent).get("/api/v1/teams").then().statusCode(oneOf(401, 403));
        RestAssured.given().header("Authorization", "Bearer " + probe).get("/api/v1/teams").then().statusCode(401);

        // Answers: refused, saved, changed, withdrawn; then too late.
        Api.as(respondent).body("{\"answers\": {\"one-change\": \"stop " + probe + "\\u0000\"}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(400);
        Api.as(respondent).body("{\"answers\": {\"focus-hours\": \"" + probe + "\"}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(400);
        Api.as(respondent).body("{\"answers\": {\"role\": \"" + probe + "\"}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(400);
        Api.as(respondent).body("{\"answers\": {\"one-change\": \"fewer meetings " + probe + "\"}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(201);
        Api.as(respondent).delete("/api/v1/assessments/{id}/response", assessment).then().statusCode(204);
        Api.close(tenant, assessment);
        Api.as(respondent).body("{\"answers\": {\"one-change\": \"late " + probe + "\"}}")
                .put("/api/v1/assessments/{id}/response", assessment).then().statusCode(oneOf(401, 409));

        // Proof that the file is this JVM's log as it runs, so that an empty or stale file cannot pass.
        String marker = "log-privacy-marker-" + UUID.randomUUID();
        Logger.getLogger(LogPrivacyTest.class).info(marker);

        // The service's lines; the test's own mail server (GreenMail) runs in this JVM and logs the addresses it serves.
        String log = Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.contains("\"loggerName\":\"com.icegreen.") && !line.contains("[com.icegreen."))
                .collect(Collectors.joining("\n"));
        assertThat(log).as("the service's log file").contains(marker);
        assertThat(log).as("values this test sent").doesNotContain(probe).doesNotContain(probe.toUpperCase());
        for (String secret : secrets) {
            assertThat(log).as("a code or token this test used").doesNotContain(secret);
        }
        assertThat(matches(EMAIL, log)).as("e-mail addresses in the log").isEmpty();
        assertThat(matches(JWT, log)).as("tokens in the log").isEmpty();
    }

    @Test
    void theDatabaseDriverQuotesNoValueInItsErrors() throws Exception {
        // The safety net behind the service's checks: when only a constraint refuses a value (a race), the driver's
        // exception, which Hibernate logs, names the constraint but not the value, in a statement and in a batch.
        String email = "race." + probe + "@example.com";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // ... and the server's own log, which the embedded database writes into the service's, neither.
            assertThat(show(statement, "log_error_verbosity")).isEqualTo("terse");
            assertThat(show(statement, "log_min_error_statement")).isEqualTo("panic");
            statement.execute("CREATE TEMP TABLE privacy_probe (email text UNIQUE)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO privacy_probe VALUES (?)")) {
                insert.setString(1, email);
                insert.executeUpdate();
                SQLException single = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                insert.setString(1, email);
                insert.addBatch();
                SQLException batch = catchThrowableOfType(SQLException.class, insert::executeBatch);
                for (SQLException refused : List.of(single, batch)) {
                    assertThat(refused.getMessage()).contains("privacy_probe_email_key");
                    for (Throwable e = refused; e != null; e = e instanceof SQLException sql && sql.getNextException() != null
                            ? sql.getNextException() : e.getCause()) {
                        assertThat(String.valueOf(e.getMessage())).doesNotContain(probe);
                    }
                }
            } finally {
                statement.execute("DROP TABLE IF EXISTS privacy_probe");
            }
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private void raceForTheSameEmail(String admin, String team, String email) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                adds.add(() -> Api.as(admin).body(Map.of("email", email)).post("/api/v1/teams/{id}/members", team)
                        .statusCode());
            }
            int created = 0;
            for (Future<Integer> status : pool.invokeAll(adds)) {
                assertThat(status.get()).isIn(201, 409);
                created += status.get() == 201 ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ValidatableResponse claim(String code) {
        return RestAssured.given().contentType(ContentType.JSON).accept(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/invitation-claims").then().body("status", notNullValue());
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            // The service's own sender address is configuration, not a person.
            if (!matcher.group().endsWith("@localhost")) {
                found.add(matcher.group());
            }
        }
        return found;
    }
}
