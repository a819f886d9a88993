package app.asynchealth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in a JVM of its own, as it runs in production, for
 * tests that drive it over HTTP from outside (plain JUnit classes run by failsafe, not {@code @QuarkusTest}s).
 *
 * <p>Configuration is passed as {@code -D} system properties (and optionally environment variables). Unless given:
 * {@code quarkus.http.port} is a free port and {@code quarkus.http.host} is {@code 127.0.0.1}; without
 * {@code async-health.db.url} the service starts its embedded PostgreSQL on a free port, in a fresh temporary data
 * directory (deleted on {@link #close()}) unless {@code async-health.data-dir} is given, never in
 * {@code ~/.async-health}. With an explicit {@code async-health.db.url} nothing embedded starts, so several instances
 * can share one database. The caller's own {@code ASYNC_HEALTH_*} and {@code QUARKUS_*} environment variables are not
 * passed on.
 *
 * <p>The service's output goes to {@code target/packaged-service/<name>-<time>.log}; when it fails to become ready, or
 * on {@link #printLogTail(int)}, the last lines are printed.
 */
public final class PackagedService implements AutoCloseable {

    public static final String RUNNER_PROPERTY = "async-health.runner";
    private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Path ownDataDirectory;
    private final Thread stopOnExit;

    private PackagedService(String name, Process process, Path log, int port, Path ownDataDirectory) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.ownDataDirectory = ownDataDirectory;
        this.stopOnExit = stopOnExit(process);
    }

    /** Starts an instance with these system properties and waits (up to 3 minutes) until it is ready. */
    public static PackagedService start(String name, Map<String, String> systemProperties) {
        return start(name, systemProperties, Map.of(), DEFAULT_READY_TIMEOUT);
    }

    /** Starts an instance with these system properties and environment variables and waits until it is ready. */
    public static PackagedService start(String name, Map<String, String> systemProperties,
            Map<String, String> environment, Duration readyTimeout) {
        return start(name, List.of("-Xmx512m"), systemProperties, environment, readyTimeout, Duration.ofMillis(500));
    }

    /**
     * Starts an instance with these JVM options (instead of the tests' {@code -Xmx512m}), system properties and
     * environment variables, and waits until it is ready, asking every {@code readyPoll} (the benchmark harness times
     * start to ready, so it asks often).
     */
    public static PackagedService start(String name, List<String> jvmOptions, Map<String, String> systemProperties,
            Map<String, String> environment, Duration readyTimeout, Duration readyPoll) {
        Path runner = runner();
        Map<String, String> properties = new LinkedHashMap<>(systemProperties);
        int port = properties.containsKey("quarkus.http.port") ? Integer.parseInt(properties.get("quarkus.http.port"))
                : freePort();
        properties.put("quarkus.http.port", String.valueOf(port));
        properties.putIfAbsent("quarkus.http.host", "127.0.0.1");
        Path ownDataDirectory = null;
        boolean embedded = !properties.containsKey("async-health.db.url")
                && !environment.containsKey("ASYNC_HEALTH_DB_URL");
        if (embedded) {
            properties.putIfAbsent("async-health.embedded-db.port", String.valueOf(freePort()));
            if (!properties.containsKey("async-health.data-dir")
                    && !environment.containsKey("ASYNC_HEALTH_DATA_DIR")) {
                try {
                    ownDataDirectory = Files.createTempDirectory("async-health-" + name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                properties.put("async-health.data-dir", ownDataDirectory.toString());
            }
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runner.toString());

        Path log = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).directory(runner.getParent().toFile());
        // A developer's own settings (ASYNC_HEALTH_DB_URL, ...) must not leak into the instance under test.
        builder.environment().keySet().removeIf(key -> key.startsWith("ASYNC_HEALTH_") || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        PackagedService service = new PackagedService(name, process, log, port, ownDataDirectory);
        try {
            service.awaitReady(readyTimeout, readyPoll);
        } catch (RuntimeException | Error e) {
            service.printLogTail(80);
            service.close();
            throw e;
        }
        return service;
    }

    /** {@code http://127.0.0.1:<port>}, the instance's base URI. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return log;
    }

    /** The process id of the instance's JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Prints the last lines of the instance's output to stderr (for a failing test). */
    public void printLogTail(int lines) {
        System.err.println(tail(log, lines, "service " + name));
    }

    /**
     * Kills the instance's JVM with SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, so an embedded
     * PostgreSQL it started is left running. Its data directory is kept (for the next instance to start on).
     */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forget(stopOnExit);
    }

    /** Stops the instance (gracefully, so that an embedded PostgreSQL stops with it) and removes its own data. */
    @Override
    public void close() {
        stop(process, Duration.ofSeconds(30));
        forget(stopOnExit);
        if (ownDataDirectory != null) {
            deleteRecursively(ownDataDirectory);
        }
    }

    private void awaitReady(Duration timeout, Duration poll) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service " + name + " exited with " + process.exitValue()
                        + " before it was ready; log: " + log);
            }
            try {
                HttpResponse<String> response = client.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for service " + name, e);
            }
            sleep(poll.toMillis());
        }
        throw new IllegalStateException("service " + name + " not ready after " + timeout + " (last: " + last
                + "); log: " + log);
    }

    // ------------------------------------------------------------------ helpers shared with other process fixtures

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new log file under {@code target/packaged-service/}. */
    static Path logFile(String name) {
        Path directory = Path.of("target", "packaged-service");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return directory.resolve(name + "-" + time + ".log").toAbsolutePath();
    }

    /** Stops the process when this JVM exits without closing it (an aborted test run leaves nothing running). */
    static Thread stopOnExit(Process process) {
        Thread hook = new Thread(() -> stop(process, Duration.ofSeconds(10)), "stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, or has run: nothing to forget
        }
    }

    /** Stops a process and every process it started: TERM first, then KILL after the grace period. */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /** The last lines of a log file, framed, for printing. */
    public static String tail(Path file, int lines, String title) {
        List<String> all;
        try {
            all = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log " + file + ": " + e + ")";
        } catch (RuntimeException e) {
            return "(unreadable log " + file + ": " + e + ")";
        }
        StringBuilder text = new StringBuilder("----- last ").append(Math.min(lines, all.size())).append(" lines of ")
                .append(title).append(" (").append(file).append(")\n");
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> text.append(line).append('\n'));
        return text.append("----- end of ").append(title).toString();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans up what is left
        }
    }

    private static Path runner() {
        Path runner = Path.of(System.getProperty(RUNNER_PROPERTY, "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("no packaged service at " + runner
                    + ": run after 'package' (failsafe does)");
        }
        return runner;
    }
}
