package app.asynchealth.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from the binaries shipped on the class path, for the JDK-only default run and for
 * the tests. It sets up the two roles the service expects of any PostgreSQL: an owner that runs the migrations and
 * an application role that owns nothing and cannot bypass row-level security.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "async_health";
    public static final String OWNER_ROLE = "async_health_owner";
    public static final String APP_ROLE = "async_health_app";
    /** The server listens on loopback only and trusts local connections; the password satisfies clients that want one. */
    static final String LOCAL_PASSWORD = "local";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on the given data directory, which is kept between starts.
     *
     * @param port the port to listen on, 0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
            database.prepareRolesAndDatabase();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** The configuration that points the service at this server. */
    public Map<String, String> configuration() {
        return Map.of(
                "async-health.db.url", jdbcUrl(),
                "async-health.db.app-user", APP_ROLE,
                "async-health.db.app-password", LOCAL_PASSWORD,
                "async-health.db.migration-user", OWNER_ROLE,
                "async-health.db.migration-password", LOCAL_PASSWORD);
    }

    private void prepareRolesAndDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // Idempotent: the data directory survives restarts.
            statement.execute("""
                    DO $$
                    BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '%3$s';
                      END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
                        CREATE ROLE %2$s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '%3$s';
                      END IF;
                    END
                    $$""".formatted(OWNER_ROLE, APP_ROLE, LOCAL_PASSWORD));
            if (!databaseExists(connection)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER_ROLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded PostgreSQL", e);
        }
    }

    private static boolean databaseExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, DATABASE);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
