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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server run from the binaries shipped on the class path, for the JDK-only default run and for
 * the tests. It sets up the two roles the service expects of any PostgreSQL: an owner that runs the migrations and
 * an application role that owns nothing and cannot bypass row-level security.
 *
 * <p>It is run as durably and as closed as a real server: {@code fsync} and {@code synchronous_commit} on (the
 * embedded library turns the latter off), every connection needs a password ({@code scram-sha-256}, no {@code trust}),
 * a postmaster orphaned by a killed JVM is stopped before starting afresh, and a watchdog restarts the server on the
 * same port and data directory when it dies.
 *
 * <p>This class starts and stops the server and prepares its roles; the rest is in its own classes: one service per
 * data directory ({@link DataDirectoryLock}), the port ({@link EmbeddedPort}), the password ({@link DatabasePassword}),
 * orphaned and leftover server processes ({@link Postmasters}), restarts ({@link Watchdog}), the bundled programs
 * ({@link PostgresBinaries}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    public static final String DATABASE = "async_health";
    public static final String OWNER_ROLE = "async_health_owner";
    public static final String APP_ROLE = "async_health_app";
    public static final String SUPERUSER = "postgres";

    /** Password authentication for every local connection, socket and loopback alike. */
    static final String PG_HBA = """
            # Written by async-health: every connection needs a password.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** The embedded server of this JVM, if any, for the readiness check. */
    private static volatile EmbeddedDatabase current;

    private final Path dataDirectory;
    private final int port;
    private final String password;
    private final Path passwordFile;
    private final DataDirectoryLock lock;
    private volatile EmbeddedPostgres postgres;
    private volatile long postmasterPid;
    private volatile boolean running;
    private volatile boolean closing;
    private final Watchdog watchdog;
    private final Thread stopOnExit;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private EmbeddedDatabase(Path dataDirectory, int port, String password, Path passwordFile,
            DataDirectoryLock lock) {
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.port = port;
        this.password = password;
        this.passwordFile = passwordFile;
        this.watchdog = new Watchdog(this);
        this.stopOnExit = new Thread(this::close, "embedded-postgres-stop");
    }

    /**
     * Starts the server on the given data directory, which is kept between starts.
     *
     * @param dataDirectory the PostgreSQL data directory
     * @param port the port to listen on, 0 for any free port (then kept for restarts)
     * @param passwordFile where the password of the superuser and of the two roles is kept (created 0600 on first
     *        start)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, Path passwordFile) {
        EmbeddedDatabase database = prepare(dataDirectory, port, passwordFile);
        database.startPrepared();
        return database;
    }

    /**
     * What a start needs that is quick and settles the configuration (the password, the port; an orphaned postmaster
     * is stopped first), without starting the server yet: {@link #startPrepared()} does, possibly on another thread
     * while the service boots, and whoever needs the database first waits with {@link #awaitStarted()}.
     */
    public static EmbeddedDatabase prepare(Path dataDirectory, int port, Path passwordFile) {
        // First of all: a second service on this directory must not touch it, nor find and share our server.
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory);
        try {
            Files.createDirectories(dataDirectory);
            String password = DatabasePassword.loadOrGenerate(passwordFile);
            Postmasters.stopOrphaned(dataDirectory);
            if (port > 0) {
                EmbeddedPort.requireFree(port);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(dataDirectory, port > 0 ? port : EmbeddedPort.freePort(),
                    password, passwordFile, lock);
            current = database; // not running yet: the readiness check says so until the start completes
            return database;
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Starts the server of a {@link #prepare prepared} instance, once; a failure is kept for {@link #awaitStarted()}. */
    public void startPrepared() {
        try {
            startOnce();
            started.complete(null);
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    /** Blocks until the server of this instance has started (its roles and database ready); rethrows its failure. */
    public void awaitStarted() {
        try {
            started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the embedded PostgreSQL did not start", e.getCause());
        }
    }

    private void startOnce() {
        try {
            synchronized (this) {
                if (closing) {
                    throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " was closed before it started");
                }
                startServer();
            }
            Postmasters.runHere(dataDirectory, true);
            // Our own hook, not the library's: it must stop the watchdog before the server, or the watchdog would
            // restart a server the JVM is stopping and leave it orphaned.
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            prepareRolesAndDatabase();
            watchdog.start();
            current = this;
        } catch (IOException e) {
            throw closedAfter(new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e));
        } catch (RuntimeException e) {
            throw closedAfter(e);
        }
    }

    /** No server left behind by a failed start, and the data directory free again for a next attempt. */
    private RuntimeException closedAfter(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** Returns once the embedded server of this JVM, if any, has started; rethrows its failure. */
    public static void awaitStartedIfAny() {
        current().ifPresent(EmbeddedDatabase::awaitStarted);
    }

    /** The embedded server running in this JVM, if any. */
    public static Optional<EmbeddedDatabase> current() {
        return Optional.ofNullable(current);
    }

    /** Whether the server is up (false while the watchdog restarts it). */
    public boolean isRunning() {
        return running && Postmasters.isAlive(postmasterPid);
    }

    /** The process id of the running postmaster. */
    public long postmasterPid() {
        return postmasterPid;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** The password of the superuser and of the two roles (the service is their only user). */
    public String password() {
        return password;
    }

    /** The configuration that points the service at this server. */
    public Map<String, String> configuration() {
        return Map.of(
                "async-health.db.url", jdbcUrl(),
                "async-health.db.app-user", APP_ROLE,
                "async-health.db.app-password", password,
                "async-health.db.migration-user", OWNER_ROLE,
                "async-health.db.migration-password", password);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private synchronized void startServer() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT) // crash recovery after a kill can take a while
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "100")
                // The library turns synchronous_commit off (and passes -F): an acknowledged commit must be on disk.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                // The server's log becomes the service's log: no DETAIL quoting a key, no failed statement's text.
                .setServerConfig("log_error_verbosity", "terse")
                .setServerConfig("log_min_error_statement", "panic")
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(directory -> requirePasswords(directory.toPath()));
        postgres = builder.start();
        postmasterPid = Postmasters.readPid(dataDirectory).orElseThrow(
                () -> new IllegalStateException("the embedded PostgreSQL wrote no postmaster.pid in " + dataDirectory));
        running = true;
    }

    /**
     * Before every start (the server is down): a data directory that is not ours yet (fresh from the library's
     * {@code initdb -A trust}, or initialised so by an older version) gets the superuser's password, set in
     * single-user mode so that no connection is ever trusted, and our {@code pg_hba.conf}.
     */
    private void requirePasswords(Path directory) {
        Path hba = directory.resolve("pg_hba.conf");
        try {
            // A password file newer than our pg_hba.conf holds a password not set yet (the file was deleted and
            // generated anew): set it too.
            if (Files.exists(hba) && Files.readString(hba).equals(PG_HBA)
                    && Files.getLastModifiedTime(passwordFile).compareTo(Files.getLastModifiedTime(hba)) <= 0) {
                return;
            }
            LOG.infof("Requiring passwords on the embedded PostgreSQL in %s (scram-sha-256, no trust)", directory);
            PostgresBinaries.runSingleUser(directory, "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "';\n");
            Files.writeString(hba, PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot require passwords on the embedded PostgreSQL in " + directory, e);
        }
    }

    private void prepareRolesAndDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // Idempotent: the data directory survives restarts. Passwords are set on every start, which upgrades the
            // roles of data directories from the time of trust (and follows a regenerated password file).
            statement.execute("""
                    DO $$
                    BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN NOSUPERUSER NOBYPASSRLS;
                      END IF;
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
                        CREATE ROLE %2$s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                      END IF;
                    END
                    $$""".formatted(OWNER_ROLE, APP_ROLE));
            for (String role : List.of(SUPERUSER, OWNER_ROLE, APP_ROLE)) {
                statement.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
            }
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

    /** Frees the library's lock on the data directory; its stop of the (dead) server fails, which is expected. */
    synchronized void releaseLibraryInstance() {
        EmbeddedPostgres dead = postgres;
        if (dead == null) {
            return;
        }
        try {
            dead.close();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing the dead embedded PostgreSQL: %s", e);
        }
    }

    // For the watchdog.

    boolean closing() {
        return closing;
    }

    void markDown() {
        running = false;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** @return false if the database is being closed, and so was not started */
    synchronized boolean startAgainUnlessClosing() throws IOException {
        if (closing) {
            return false;
        }
        startServer();
        return true;
    }

    @Override
    public void close() {
        closing = true;
        watchdog.stop();
        synchronized (this) {
            running = false;
            if (current == this) {
                current = null;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself
            }
            EmbeddedPostgres server = postgres;
            postgres = null;
            try {
                if (server != null) {
                    server.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                Postmasters.runHere(dataDirectory, false);
                lock.close(); // only once the server is stopped: a next start must not find it still running
            }
        }
    }
}
