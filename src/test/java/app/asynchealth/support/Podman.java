package app.asynchealth.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line, as an operator types it, for the suites that build and run the images. It runs with
 * {@code CONTAINERS_CONF=docker/local/containers.conf} (runc, cgroupfs, explicit limits: what these machines need),
 * unless {@code ASYNC_HEALTH_CONTAINERS_CONF} names another file or is empty.
 */
public final class Podman {

    public static final Path CONFIG = Path.of("docker/local/containers.conf").toAbsolutePath();

    private Podman() {
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {

        public Result expectSuccess() {
            assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
            return this;
        }

        /** The output without podman's complaints about the missing systemd (health-check timers). */
        public String text() {
            return output.lines().filter(line -> !line.contains("systemd")).reduce("", (a, b) -> a + b + "\n").strip();
        }
    }

    /** Whether podman can run here (the suites that need it are skipped where it cannot). */
    public static boolean available() {
        try {
            return run(60, "info", "--format", "{{.Host.OCIRuntime.Name}}").exitCode() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Skips the calling suite where podman cannot run, except on CI ({@code CI} set), where .ci/run installed it: there
     * a podman that does not work fails the suite instead of skipping it silently.
     */
    public static void requireOrSkip() {
        boolean available = available();
        if (System.getenv("CI") != null) {
            assertThat(available).as("podman works on CI (.ci/run installs it)").isTrue();
        }
        assumeTrue(available, "podman cannot run here");
    }

    public static Result run(String... arguments) {
        return run(600, arguments);
    }

    public static Result run(long timeoutSeconds, String... arguments) {
        return command(timeoutSeconds, Map.of(), prepend("podman", arguments));
    }

    /** Any command (podman-compose, a script) with podman's configuration in its environment. */
    public static Result command(long timeoutSeconds, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String config = System.getenv().getOrDefault("ASYNC_HEALTH_CONTAINERS_CONF", CONFIG.toString());
        if (!config.isEmpty()) {
            builder.environment().put("CONTAINERS_CONF", config);
        }
        builder.environment().putAll(environment);
        try {
            Path output = Files.createTempFile("podman", ".log");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                    return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n"
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> prepend(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }
}
