package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

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
