package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.asynchealth.platform.persistence.EmbeddedDatabase;
import app.asynchealth.platform.security.SigningKeys;

/** The JDK-only default run keeps its data and its signing key in the data directory across restarts. */
class LocalInstallationTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesARestartOfTheEmbeddedDatabase() throws Exception {
        try (LocalInstallation first = LocalInstallation.start(dataDirectory, 0)) {
            try (Connection owner = DriverManager.getConnection(first.jdbcUrl(), EmbeddedDatabase.OWNER_ROLE,
                    first.database().password());
                    Statement sql = owner.createStatement()) {
                sql.execute("CREATE TABLE kept (value text)");
                sql.execute("INSERT INTO kept VALUES ('still here')");
            }
        }
        try (LocalInstallation second = LocalInstallation.start(dataDirectory, 0);
                Connection owner = DriverManager.getConnection(second.jdbcUrl(), EmbeddedDatabase.OWNER_ROLE,
                        second.database().password());
                Statement sql = owner.createStatement();
                ResultSet rows = sql.executeQuery("SELECT value FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
        assertThat(dataDirectory.resolve("pgdata/PG_VERSION")).exists();
    }

    /**
     * Two services started at the same moment on one data directory: one gets it, the other is refused at once, in
     * words, instead of sharing the winner's PostgreSQL in silence.
     */
    @Test
    void ofTwoServicesStartedTogetherOnOneDataDirectoryExactlyOneRuns() throws Exception {
        List<Process> services = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), StartOnDataDirectory.class.getName(),
                        dataDirectory.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                assertThat(firstLine(service)).isEqualTo("WAITING");
                services.add(service);
            }
            for (Process service : services) { // both JVMs loaded and waiting: go
                service.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                service.getOutputStream().flush();
            }
            List<String> outcomes = new ArrayList<>();
            for (Process service : services) {
                outcomes.add(firstLine(service));
            }
            assertThat(outcomes).as("outcomes %s", outcomes).filteredOn(outcome -> outcome.startsWith("READY"))
                    .hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome.startsWith("REFUSED")).singleElement(as(STRING))
                    .contains(dataDirectory.resolve("pgdata").toString()).contains("still running");
        } finally {
            for (Process service : services) {
                service.getOutputStream().close(); // the winner stops its database at the end of its input
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        // Neither left anything behind that keeps the next start from the directory.
        try (LocalInstallation again = LocalInstallation.start(dataDirectory, 0)) {
            assertThat(again.database().isRunning()).isTrue();
        }
    }

    private static String firstLine(Process process) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder text = new StringBuilder();
                for (int c = process.getInputStream().read(); c != -1 && c != '\n'; c = process.getInputStream().read()) {
                    text.append((char) c);
                }
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return line.get(120, TimeUnit.SECONDS);
    }

    @Test
    void theApplicationRoleCanNeitherBypassRowLevelSecurityNorOwnTables() throws Exception {
        try (LocalInstallation installation = LocalInstallation.start(dataDirectory, 0);
                Connection app = DriverManager.getConnection(installation.jdbcUrl(), EmbeddedDatabase.APP_ROLE,
                        installation.database().password());
                Statement sql = app.createStatement();
                ResultSet role = sql.executeQuery(
                        "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean(1)).isFalse();
            assertThat(role.getBoolean(2)).isFalse();
            assertThat(role.getBoolean(3)).isFalse();
            assertThat(installation.configuration()).containsEntry("async-health.bootstrap.enabled", "true")
                    .containsEntry("async-health.db.app-user", EmbeddedDatabase.APP_ROLE);
        }
    }

    @Test
    void theSigningKeyIsGeneratedOnceAndKept() throws Exception {
        SigningKeys generated = SigningKeys.loadOrGenerate(dataDirectory.resolve("keys"));
        SigningKeys reloaded = SigningKeys.loadOrGenerate(dataDirectory.resolve("keys"));
        assertThat(reloaded).isEqualTo(generated);
        assertThat(Files.readString(generated.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(generated.privateKeyFile()))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        SigningKeys another = SigningKeys.loadOrGenerate(dataDirectory.resolve("other-keys"));
        assertThat(another.publicKeyBase64()).isNotEqualTo(generated.publicKeyBase64());
    }
}
