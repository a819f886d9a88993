package app.asynchealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.support.MarkdownCode;
import app.asynchealth.support.Podman;
import app.asynchealth.support.Podman.Result;
import app.asynchealth.support.ServiceImage;

/**
 * docker/compose.yaml brought up with podman-compose, as docker/README.md tells a user without a registry: with the
 * override docker/compose.local.yaml, which builds a stand-in for each image compose.yaml pulls. Every health check
 * turns green, the key generator and the seed complete, and the README's journey (a Keycloak token from the imported
 * realm, a round created, answered through claimed codes, closed, its profile read) runs as a shell runs it. Skipped
 * where podman or podman-compose cannot run (.ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposeStackIT {

    private static final String PROJECT = "async-health-it";
    private static final List<String> LONG_RUNNING = List.of("postgres", "keycloak", "async-health");
    private static final List<String> ONE_SHOT = List.of("keygen", "seed");
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);

    private boolean started;

    @BeforeAll
    void bringTheStackUp() {
        Podman.requireOrSkip();
        boolean composeInstalled = compose(60, "version").exitCode() == 0;
        if (System.getenv("CI") != null) {
            assertThat(composeInstalled).as("podman-compose on CI (.ci/run installs it)").isTrue();
        }
        assumeTrue(composeInstalled, "podman-compose is not installed");
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).as("the packaged service").exists();
        ServiceImage.ensureBase();
        compose(120, "down", "-v"); // what an earlier, interrupted run may have left
        compose(1800, "build").expectSuccess();
        started = true;
        compose(600, "up", "-d").expectSuccess();
    }

    @AfterAll
    void takeTheStackDown() throws IOException {
        if (!started) {
            return;
        }
        Path logs = Files.createDirectories(Path.of("target/compose-logs"));
        for (String service : List.of("postgres", "keycloak", "keygen", "async-health", "seed")) {
            Files.writeString(logs.resolve(service + ".log"), Podman.run(60, "logs", container(service)).output());
        }
        compose(300, "down", "-v");
    }

    @Test
    void everyHealthCheckTurnsGreenTheOneShotsCompleteAndTheReadmesJourneyRuns() throws IOException {
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        for (String service : LONG_RUNNING) {
            awaitHealthy(service, deadline);
        }
        for (String service : ONE_SHOT) {
            awaitCompleted(service, deadline);
        }
        assertThat(Podman.run(60, "logs", container("seed")).output()).contains("tenant acme");

        Result journey = Podman.command(600, Map.of(), List.of("bash", writeJourney().toString())).expectSuccess();
        String output = journey.output();
        Files.writeString(Files.createDirectories(Path.of("target/compose-logs")).resolve("journey.log"), output);
        // Each member's submission prints its status (the first right after the token block's JSON, on its line).
        List<String> submissions = Pattern.compile("submitted: (\\d+)").matcher(output).results()
                .map(match -> match.group(1)).toList();
        assertThat(submissions).as(output).containsExactly("201", "201", "201", "201", "201");
        Matcher profileLine = Pattern.compile("\\{\"status\"[^\n]*").matcher(output);
        assertThat(profileLine.find()).as(output).isTrue();
        JsonNode profile = new ObjectMapper().readTree(profileLine.group());
        assertThat(profile.path("status").asText()).isEqualTo("available");
        assertThat(profile.path("respondents").asInt()).isEqualTo(5);
        assertThat(profile.path("score").isNumber()).isTrue();
    }

    /** docker/README.md's token block ("Get a token and call the API") and its journey ("A round, end to end"). */
    private static Path writeJourney() throws IOException {
        MarkdownCode readme = MarkdownCode.of(Path.of("docker/README.md"));
        String script = "set -eu\n" + firstBashBlock(readme, "Get a token and call the API") + "\n"
                + firstBashBlock(readme, "A round, end to end");
        Path file = Files.createTempFile("compose-journey", ".sh");
        Files.writeString(file, script);
        return file;
    }

    private static String firstBashBlock(MarkdownCode readme, String heading) {
        List<String> blocks = readme.blocks(heading, "bash");
        assertThat(blocks).as("a bash block under " + heading).isNotEmpty();
        return blocks.get(0);
    }

    private void awaitHealthy(String service, long deadline) {
        String last = "";
        while (System.nanoTime() < deadline) {
            Result check = Podman.run(60, "healthcheck", "run", container(service));
            if (check.exitCode() == 0) {
                return;
            }
            last = check.text();
            sleep(2_000);
        }
        throw new AssertionError(service + " not healthy: " + last + "\n"
                + Podman.run(60, "logs", "--tail", "40", container(service)).output());
    }

    private void awaitCompleted(String service, long deadline) {
        String state = "";
        while (System.nanoTime() < deadline) {
            state = Podman.run(60, "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", container(service))
                    .text();
            if (state.equals("exited 0")) {
                return;
            }
            sleep(1_000);
        }
        throw new AssertionError(service + " did not complete: " + state + "\n"
                + Podman.run(60, "logs", "--tail", "40", container(service)).output());
    }

    private static String container(String service) {
        return PROJECT + "_" + service + "_1";
    }

    private static Result compose(long timeoutSeconds, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman-compose", "-p", PROJECT, "-f", "docker/compose.yaml",
                "-f", "docker/compose.local.yaml"));
        command.addAll(List.of(arguments));
        return Podman.command(timeoutSeconds, Map.of("BUILDAH_FORMAT", "docker"), command);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
