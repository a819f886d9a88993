package app.asynchealth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service's JVM image, built once per test JVM with podman from {@code docker/Dockerfile.jvm} and the packaged
 * service in {@code target/quarkus-app}, as an operator builds it, on a base made here from Debian's packages
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
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).as("the packaged service").exists();
        ensureBase();
        long start = System.nanoTime();
        Podman.run(900, "build", "--format", "docker", "--ignorefile", "docker/Dockerfile.jvm.dockerignore",
                "--build-arg", "BASE_IMAGE=" + BASE, "-f", "docker/Dockerfile.jvm", "-t", NAME, ".")
                .expectSuccess();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long size = Long.parseLong(Podman.run("image", "inspect", "--format", "{{.Size}}", NAME).expectSuccess()
                .text().strip());
        return new ServiceImage(took, size);
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
