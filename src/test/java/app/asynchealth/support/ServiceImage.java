package app.asynchealth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service's JVM image, built once per test JVM with podman from {@code docker/Dockerfile.jvm} and the service
 * packaged as the image wants it ({@code -Dquarkus.package.jar.type=aot-jar}, into target/image-context), as an operator
 * builds it, on a base made here from Debian's packages
 * ({@code docker/local/make-base.sh}: Debian bookworm and this machine's JDK 25), since no registry of images can be
 * reached. {@code -Dasync-health.test.base-image=...} builds on another base instead (e.g. the default, where it can
 * be pulled).
 */
public final class ServiceImage {

    public static final String BASE = System.getProperty("async-health.test.base-image",
            "localhost/async-health-base:bookworm-jdk25");
    public static final String NAME = "localhost/async-health:it";

    private static ServiceImage built;

    /** How long the image's build took (the AOT training included), and its size. */
    public final Duration buildTime;
    public final long sizeBytes;

    private ServiceImage(Duration buildTime, long sizeBytes) {
        this.buildTime = buildTime;
        this.sizeBytes = sizeBytes;
    }

    public static synchronized ServiceImage get() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    /** The base: made from Debian's packages unless another one was named. */
    public static synchronized void ensureBase() {
        if (BASE.equals("localhost/async-health-base:bookworm-jdk25")) {
            Podman.command(1800, Map.of(), List.of("sh", "docker/local/make-base.sh", BASE)).expectSuccess();
        }
    }

    private static ServiceImage build() {
        ensureBase();
        Path context = Path.of("target/image-context").toAbsolutePath();
        long start = System.nanoTime();
        // The image's layout: aot-jar (every class on the JVM's class path, which the AOT cache holds), packaged apart
        // from target/quarkus-app, whose fast-jar layout starts faster on JDK 17 without a cache (the README's run).
        // Tests neither compiled nor run: this runs while the suite runs from target/test-classes.
        Podman.command(900, Map.of(), List.of("./mvnw", "-B", "-q", "package", "-Dmaven.test.skip=true",
                "-Dkeycloak.unpack.skip=true", "-Dquarkus.package.jar.type=aot-jar",
                "-Dquarkus.package.output-directory=" + context.resolve("target/quarkus-app"))).expectSuccess();
        try {
            Files.createDirectories(context.resolve("docker"));
            for (String script : List.of("run-java.sh", "train-aot-cache.sh")) {
                Files.copy(Path.of("docker", script), context.resolve("docker").resolve(script),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(context.resolve("target/quarkus-app/quarkus-run.jar")).as("the aot-jar layout").exists();
        Podman.run(900, "build", "--format", "docker", "--build-arg", "BASE_IMAGE=" + BASE, "-f",
                Path.of("docker/Dockerfile.jvm").toAbsolutePath().toString(), "-t", NAME, context.toString())
                .expectSuccess();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long size = Long.parseLong(Podman.run("image", "inspect", "--format", "{{.Size}}", NAME).expectSuccess()
                .text().strip());
        return new ServiceImage(took, size);
    }

    /** Adds key=value to target/container-figures/figures.properties, which bench/run reads. */
    public static synchronized void recordValue(String key, String value) {
        try {
            Path directory = Files.createDirectories(Path.of("target/container-figures"));
            Files.writeString(directory.resolve("figures.properties"), key + "=" + value + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a figure of the container suites into target/container-figures/NAME.txt (for bench/README.md). */
    public static void record(String name, String text) {
        try {
            Path directory = Path.of("target/container-figures");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name + ".txt"), text + System.lineSeparator());
            System.out.println("[container figure] " + name + ": " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
