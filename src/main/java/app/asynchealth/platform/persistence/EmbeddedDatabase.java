package app.asynchealth.platform.persistence;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A real PostgreSQL server run from the binaries shipped on the class path, for the JDK-only default run and for
 * the tests. It sets up the two roles the service expects of any PostgreSQL: an owner that runs the migrations and
 * an application role that owns nothing and cannot bypass row-level security.
 *
 * <p>It is run as durably and as closed as a real server: {@code fsync} and {@code synchronous_commit} on (the
 * embedded library turns the latter off), every connection needs a password ({@code scram-sha-256}, no {@code trust}),
 * a postmaster orphaned by a killed JVM is stopped before starting afresh, and a watchdog restarts the server on the
 * same port and data directory when it dies.
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
    /** The library's lock on a data directory (see {@link #ownerIsGone}). */
    private static final String LIBRARY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    /** Data directories whose server this JVM runs. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();
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
    private final Thread watchdog;
    private final Thread stopOnExit;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private EmbeddedDatabase(Path dataDirectory, int port, String password, Path passwordFile,
            DataDirectoryLock lock) {
        this.dataDirectory = dataDirectory;
        this.lock = lock;
        this.port = port;
        this.password = password;
        this.passwordFile = passwordFile;
        this.watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
        this.watchdog.setDaemon(true);
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
            String password = loadOrGeneratePassword(passwordFile);
            stopOrphanedPostmaster(dataDirectory);
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
            IN_USE.add(dataDirectory.toAbsolutePath().normalize());
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

    /** The embedded server running in this JVM, if any. */
    public static Optional<EmbeddedDatabase> current() {
        return Optional.ofNullable(current);
    }

    /** Whether the server is up (false while the watchdog restarts it). */
    public boolean isRunning() {
        return running && isPostmasterAlive(postmasterPid);
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
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(directory -> requirePasswords(directory.toPath()));
        postgres = builder.start();
        postmasterPid = readPostmasterPid(dataDirectory).orElseThrow(
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
            runSingleUser(directory, "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "';\n");
            Files.writeString(hba, PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot require passwords on the embedded PostgreSQL in " + directory, e);
        }
    }

    private static void runSingleUser(Path directory, String statements) throws IOException {
        Process process = new ProcessBuilder(command("postgres", "--single", "-D", directory.toString(), SUPERUSER))
                .redirectErrorStream(true).start();
        // Statements on stdin, not the command line: the password must not show in the process list.
        process.getOutputStream().write(statements.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR")) {
                process.destroyForcibly();
                throw new IllegalStateException("single-user PostgreSQL failed in " + directory + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    /**
     * Restarts the server when its postmaster is gone (killed, crashed, OOM): same port, same data directory, so the
     * service's pool reconnects by itself. Readiness is down meanwhile.
     */
    private void watch() {
        while (!closing) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (closing || isPostmasterAlive(postmasterPid)) {
                continue;
            }
            running = false;
            LOG.warnf("The embedded PostgreSQL (pid %d) is gone; restarting it on port %d (the library's \"Could not stop "
                    + "postmaster\" error that follows is expected: there is nothing left to stop)", postmasterPid, port);
            restart();
        }
    }

    private void restart() {
        releaseLibraryInstance();
        while (!closing) {
            try {
                awaitLeftoversGone();
                synchronized (this) {
                    if (closing) {
                        return;
                    }
                    startServer();
                }
                LOG.warnf("The embedded PostgreSQL is back (pid %d, port %d)", postmasterPid, port);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Restarting the embedded PostgreSQL failed, trying again: %s", e.getMessage());
                releaseLibraryInstance();
                // A start that failed inside the library leaves its lock on the data directory with an instance we
                // never got; the lock's file is closed, and the lock released, when that instance is collected.
                System.gc();
                try {
                    Thread.sleep(RESTART_BACKOFF.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Backends of a killed postmaster notice its death and exit, normally within milliseconds; while one is left it
     * holds the old shared memory and PostgreSQL refuses to start. Wait for them, and end those that linger: their
     * postmaster is gone, so crash recovery replays what they committed.
     */
    private void awaitLeftoversGone() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> leftovers = leftoverProcesses(dataDirectory);
            if (leftovers.isEmpty()) {
                return;
            }
            if (i == 50) {
                LOG.warnf("Ending %d processes the killed PostgreSQL left in %s", leftovers.size(), dataDirectory);
                leftovers.forEach(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(100);
        }
    }

    /** PostgreSQL processes working in this data directory (a postgres process's working directory is its data). */
    static List<ProcessHandle> leftoverProcesses(Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .filter(process -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd"))
                                .normalize().equals(data);
                    } catch (IOException | UnsupportedOperationException | SecurityException e) {
                        return false; // gone meanwhile, or not ours to inspect
                    }
                }).toList();
    }

    /** Frees the library's lock on the data directory; its stop of the (dead) server fails, which is expected. */
    private synchronized void releaseLibraryInstance() {
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

    @Override
    public void close() {
        closing = true;
        watchdog.interrupt();
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
                IN_USE.remove(dataDirectory.toAbsolutePath().normalize());
                lock.close(); // only once the server is stopped: a next start must not find it still running
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ orphans

    /**
     * A JVM killed with SIGKILL leaves its postmaster running (pg_ctl detaches it). Started on such a data directory,
     * the library would quietly connect to that orphan, which runs with whatever settings and password it was started
     * with: stop it (fast shutdown, so that it finishes its WAL cleanly) and start afresh.
     */
    public static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        OptionalLong pid = readPostmasterPid(dataDirectory);
        if (pid.isEmpty() || !isPostmasterAlive(pid.getAsLong())) {
            return; // none, or a stale file that PostgreSQL itself clears on start
        }
        if (!ownerIsGone(dataDirectory)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " (pid " + pid.getAsLong()
                    + ") belongs to a service that is still running; stop it first, or give this one another "
                    + "async-health.data-dir");
        }
        LOG.warnf("An embedded PostgreSQL (pid %d) left running by an earlier run still serves %s: stopping it "
                + "(fast shutdown) to start it afresh", pid.getAsLong(), dataDirectory);
        Process stop = new ProcessBuilder(command("pg_ctl", "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w",
                "-t", "60")).redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ProcessHandle orphan = ProcessHandle.of(pid.getAsLong()).orElse(null);
        try {
            stop.waitFor(70, TimeUnit.SECONDS);
            if (orphan != null && isPostmasterAlive(orphan.pid())) {
                LOG.warnf("pg_ctl did not stop the orphaned PostgreSQL (%s); terminating it", output.strip());
                orphan.destroy();
                for (int i = 0; i < 600 && isPostmasterAlive(orphan.pid()); i++) {
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the orphaned PostgreSQL (pid " + pid.getAsLong() + ") of "
                    + dataDirectory + ": " + output, e);
        }
    }

    /**
     * The library holds a file lock on the data directory for as long as its JVM lives; the operating system drops it
     * when that JVM dies. Lockable means that nobody alive owns the postmaster.
     */
    private static boolean ownerIsGone(Path dataDirectory) throws IOException {
        if (IN_USE.contains(dataDirectory.toAbsolutePath().normalize())) {
            return false; // ours, in this JVM: not probed by a channel, whose close would drop this JVM's lock
        }
        Path lockFile = dataDirectory.resolve(LIBRARY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        }
    }

    public static OptionalLong readPostmasterPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Alive and a postgres binary: a pid reused by another program must not be mistaken for (or stopped as) ours, and
     * an exited one that nobody reaped yet (a zombie, with no command any more) is gone.
     */
    public static boolean isPostmasterAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().command()).map(command -> command.endsWith("/postgres"))
                .orElse(false);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * A binary of the bundled PostgreSQL (initdb, pg_ctl, postgres). The library unpacks them but does not say where;
     * its own (private) preparation step is called, which only unpacks once per machine.
     */
    static Path binary(String name) {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            File directory = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
            return directory.toPath().resolve("bin").resolve(name);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("the embedded-postgres library changed: cannot locate its binaries", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot unpack the bundled PostgreSQL", e.getCause());
        }
    }

    /**
     * A command line running a bundled binary as the library runs it: PostgreSQL refuses to run as root, so as root
     * (containers, CI) it runs in a user namespace of its own.
     */
    public static List<String> command(String binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binary(binary).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Random on first start, then kept, readable by the service's user only (created so, never world-readable). */
    static String loadOrGeneratePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            // URL-safe base64: no quote or backslash, so it can be written into SQL as it is.
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file).strip();
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, generated);
            return generated;
        }
        restrictToOwner(file); // a copy or restore may have widened it
        String password = Files.readString(file).strip();
        if (!password.matches("[A-Za-z0-9_\\-]{16,}")) {
            throw new IllegalStateException("the embedded database password in " + file
                    + " is not one this service generated; delete the file to have a new one set");
        }
        return password;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing more to restrict
        }
    }
}
