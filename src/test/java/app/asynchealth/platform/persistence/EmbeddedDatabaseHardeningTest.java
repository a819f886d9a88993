package app.asynchealth.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL is as durable and as closed as a real server: what it actually runs with, who it lets in, and
 * what happens when it or its JVM is killed.
 */
class EmbeddedDatabaseHardeningTest {

    @TempDir
    Path dataDirectory;

    Path pgdata() {
        return dataDirectory.resolve("pgdata");
    }

    Path passwordFile() {
        return dataDirectory.resolve("keys").resolve("database.password");
    }

    EmbeddedDatabase start() {
        return EmbeddedDatabase.start(pgdata(), 0, passwordFile());
    }

    static Connection connect(EmbeddedDatabase database, String databaseName, String user, String password)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + database.port() + "/" + databaseName,
                properties);
    }

    static String show(Connection connection, String setting) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void theServerRunsWithFsyncAndSynchronousCommit() throws Exception {
        try (EmbeddedDatabase database = start();
                Connection connection = connect(database, "postgres", "postgres", database.password())) {
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
            assertThat(show(connection, "password_encryption")).isEqualTo("scram-sha-256");
        }
    }

    @Test
    void everyConnectionNeedsTheGeneratedPassword() throws Exception {
        try (EmbeddedDatabase database = start()) {
            for (String user : new String[] { "postgres", EmbeddedDatabase.OWNER_ROLE, EmbeddedDatabase.APP_ROLE }) {
                assertThatThrownBy(() -> connect(database, "postgres", user, null).close()).as(user)
                        .isInstanceOf(SQLException.class).hasMessageContaining("password");
                assertThatThrownBy(() -> connect(database, "postgres", user, "local").close()).as(user)
                        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
                connect(database, EmbeddedDatabase.DATABASE, user, database.password()).close();
            }
            assertThat(Files.readString(pgdata().resolve("pg_hba.conf"))).isEqualTo(EmbeddedDatabase.PG_HBA)
                    .doesNotContain("trust");
            assertThat(Files.getPosixFilePermissions(passwordFile())).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(database.password()).hasSizeGreaterThanOrEqualTo(32)
                    .isEqualTo(Files.readString(passwordFile()).strip());
        }
        // Kept: the next start uses the same password.
        String first = Files.readString(passwordFile());
        try (EmbeddedDatabase again = start()) {
            assertThat(again.password()).isEqualTo(first.strip());
        }
        // A deleted password file is generated anew and the new password set: the old one no longer opens.
        Files.delete(passwordFile());
        try (EmbeddedDatabase renewed = start()) {
            assertThat(renewed.password()).isNotEqualTo(first.strip());
            connect(renewed, "postgres", "postgres", renewed.password()).close();
            connect(renewed, EmbeddedDatabase.DATABASE, EmbeddedDatabase.APP_ROLE, renewed.password()).close();
            assertThatThrownBy(() -> connect(renewed, "postgres", "postgres", first.strip()).close())
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aDataDirectoryInitialisedWithTrustIsUpgradedOnStart() throws Exception {
        // What earlier versions left: the library's initdb -A trust, roles with the fixed password "local".
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgdata()).setCleanDataDirectory(false)
                .start(); Connection connection = old.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE " + EmbeddedDatabase.OWNER_ROLE + " LOGIN PASSWORD 'local'");
            sql.execute("CREATE ROLE " + EmbeddedDatabase.APP_ROLE + " LOGIN PASSWORD 'local'");
            sql.execute("CREATE DATABASE " + EmbeddedDatabase.DATABASE + " OWNER " + EmbeddedDatabase.OWNER_ROLE);
        }
        assertThat(Files.readString(pgdata().resolve("pg_hba.conf"))).contains("trust");

        try (EmbeddedDatabase database = start()) {
            assertThat(Files.readString(pgdata().resolve("pg_hba.conf"))).doesNotContain("trust");
            assertThatThrownBy(() -> connect(database, "postgres", "postgres", null).close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(database, EmbeddedDatabase.DATABASE, EmbeddedDatabase.APP_ROLE, "local")
                    .close()).isInstanceOf(SQLException.class);
            try (Connection app = connect(database, EmbeddedDatabase.DATABASE, EmbeddedDatabase.APP_ROLE,
                    database.password())) {
                assertThat(show(app, "synchronous_commit")).isEqualTo("on");
            }
        }
    }

    @Test
    void aPostmasterLeftRunningByAKilledJvmIsStoppedAndTheServerStartedAfresh() throws Exception {
        int port;
        try (EmbeddedDatabase database = start()) {
            port = database.port();
        }
        // What a JVM killed with SIGKILL leaves: a detached postmaster on the data directory.
        Process orphanStart = new ProcessBuilder(PostgresBinaries.command("pg_ctl", "start", "-D",
                pgdata().toString(), "-o", "-p " + port + " -c synchronous_commit=off", "-w")).inheritIO().start();
        assertThat(orphanStart.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long orphan = Postmasters.readPid(pgdata()).orElseThrow();
        assertThat(Postmasters.isAlive(orphan)).isTrue();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(pgdata(), port, passwordFile());
                Connection connection = connect(database, "postgres", "postgres", database.password())) {
            assertThat(Postmasters.isAlive(orphan)).isFalse();
            assertThat(database.postmasterPid()).isNotEqualTo(orphan);
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on"); // ours, not the orphan's settings
        }
    }

    @Test
    void aServerOfAServiceStillRunningIsNeitherStoppedNorShared() throws Exception {
        try (EmbeddedDatabase running = start()) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(pgdata(), 0, passwordFile()))
                    .hasMessageContaining("still running");
            assertThat(running.isRunning()).isTrue();
            connect(running, "postgres", "postgres", running.password()).close();
        }
    }

    @Test
    void aPortInUseIsRefusedAtOnceNamingThePort() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            long started = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedDatabase.start(pgdata(), port, passwordFile()))
                    .hasMessageContaining("Port " + port).hasMessageContaining("a server listens on it")
                    .hasMessageContaining("async-health.embedded-db.port");
            // Before the fix the library waited its full minute, then failed on the other server's password.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aPortHeldByAnOutgoingConnectionIsNamedSoNotAsAServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket()) {
            // The client's local end takes a port from the ephemeral range, as any outgoing connection does.
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            int held = client.getLocalPort();
            assertThatThrownBy(() -> EmbeddedDatabase.start(pgdata(), held, passwordFile()))
                    .hasMessageContaining("Port " + held).hasMessageContaining("nothing listens on it")
                    .hasMessageContaining("outgoing connection").hasMessageNotContaining("another async-health")
                    .hasMessageContaining("async-health.embedded-db.port");
        }
    }

    @Test
    void theDefaultPortIsOutsideTheRangeOfOutgoingConnections() throws Exception {
        assertThat(EmbeddedPort.DEFAULT).isBetween(1024, 32767); // below every common OS's ephemeral range
        Path linuxRange = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.exists(linuxRange)) {
            // By lines: /proc reports a size of 0, and a read sized by it may come back short.
            String[] bounds = Files.readAllLines(linuxRange).get(0).strip().split("\\s+");
            boolean inside = EmbeddedPort.DEFAULT >= Integer.parseInt(bounds[0])
                    && EmbeddedPort.DEFAULT <= Integer.parseInt(bounds[1]);
            assertThat(inside).as("default port %d inside the ephemeral range %s", EmbeddedPort.DEFAULT,
                    String.join("-", bounds)).isFalse();
        }
    }

    @Test
    void aKilledServerIsRestartedOnTheSamePortWithItsData() throws Exception {
        try (EmbeddedDatabase database = start()) {
            try (Connection owner = connect(database, EmbeddedDatabase.DATABASE, EmbeddedDatabase.OWNER_ROLE,
                    database.password()); Statement sql = owner.createStatement()) {
                sql.execute("CREATE TABLE kept (value text)");
                sql.execute("INSERT INTO kept VALUES ('committed before the kill')");
            }
            long killed = database.postmasterPid();
            // The processes of this server are known by their working directory (what the restart waits for).
            assertThat(Postmasters.leftoverProcesses(pgdata())).extracting(ProcessHandle::pid).contains(killed);
            // A client connected at the time of the kill: its backend outlives the postmaster for a moment.
            Connection connected = connect(database, EmbeddedDatabase.DATABASE, EmbeddedDatabase.OWNER_ROLE,
                    database.password());
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(10)).until(() -> !database.isRunning());
            await().atMost(Duration.ofSeconds(60)).until(database::isRunning);
            assertThat(database.postmasterPid()).isNotEqualTo(killed);
            assertThatThrownBy(() -> connected.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
            connected.close();
            try (Connection owner = connect(database, EmbeddedDatabase.DATABASE, EmbeddedDatabase.OWNER_ROLE,
                    database.password()); Statement sql = owner.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT value FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("committed before the kill");
            }
        }
    }
}
