package app.asynchealth.integration.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.platform.persistence.EmbeddedDatabase;
import app.asynchealth.platform.persistence.Postmasters;
import app.asynchealth.support.JsonCalls;
import app.asynchealth.support.JsonCalls.Reply;
import app.asynchealth.support.PackagedService;

/**
 * The crash suite: members submit answers to the packaged service in its default (embedded PostgreSQL) mode while
 * (a) the service's JVM is killed with SIGKILL and started again on the same data directory, and (b) the PostgreSQL
 * server is killed with SIGKILL (the service's watchdog restarts it). Every submission acknowledged with 2xx must be
 * found afterwards, and no response may be half-written: a respondent's answers are all there, exactly as sent, or
 * none are.
 */
@TestMethodOrder(OrderAnnotation.class)
class CrashDurabilityIT {

    static final int MEMBERS_PER_ROUND = 150;
    static final int CLIENTS = 6;
    /** Kill once this many submissions are acknowledged, so that the kill lands in the middle of the load. */
    static final int KILL_AFTER = 50;
    static final Duration RECOVERY = Duration.ofSeconds(180);

    static final ObjectMapper JSON = new ObjectMapper();

    static Path dataDirectory;
    static Map<String, String> settings;
    static PackagedService service;
    static String admin;
    static String team;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("async-health-crash");
        // Fixed ports: the restarted service must be where the clients (and their tokens) left it.
        settings = Map.of("async-health.data-dir", dataDirectory.toString(),
                "async-health.embedded-db.port", String.valueOf(PackagedService.freePort()),
                "quarkus.http.port", String.valueOf(PackagedService.freePort()));
        service = PackagedService.start("crash-1", settings);
        admin = bootstrap(Map.of("role", "tenant-admin", "tenant", "demo"));
        team = call("GET", "/api/v1/teams", admin, null).body().path("items").path(0).path("id").asText();
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (dataDirectory != null) {
            Postmasters.stopOrphaned(dataDirectory.resolve("pgdata")); // after a failed test only
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void acknowledgedAnswersSurviveTheServiceJvmKilledWithSigkill() throws Exception {
        Round round = Round.prepare("jvm");
        Load load = round.submit();
        load.awaitAcknowledged(KILL_AFTER);
        long postmaster = postmasterPid();
        service.kill();
        load.killedAt.set(true);
        // The embedded PostgreSQL outlives its JVM ...
        assertThat(Postmasters.isAlive(postmaster)).isTrue();
        service = PackagedService.start("crash-2", settings);
        // ... and the next start stops it knowingly and starts afresh, instead of adopting it silently.
        assertThat(Files.readString(service.logFile())).contains("left running by an earlier run");
        assertThat(Postmasters.isAlive(postmaster)).isFalse();
        load.finish();

        round.verify(load);
    }

    @Test
    @Order(2)
    void acknowledgedAnswersSurviveThePostgresServerKilledWithSigkill() throws Exception {
        Round round = Round.prepare("postgres");
        Load load = round.submit();
        load.awaitAcknowledged(KILL_AFTER);
        long postmaster = postmasterPid();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        load.killedAt.set(true);
        boolean sawNotReady = false;
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline && !(sawNotReady && ready())) {
            sawNotReady |= !ready();
            Thread.sleep(50);
        }
        load.finish();

        assertThat(service.isAlive()).isTrue();
        assertThat(sawNotReady).as("readiness down while PostgreSQL is gone").isTrue();
        assertThat(postmasterPid()).isNotEqualTo(postmaster);
        assertThat(Files.readString(service.logFile())).contains("The embedded PostgreSQL is back");
        round.verify(load);
        // The service recovered by itself: answers were acknowledged after the kill, without a restart.
        assertThat(load.acknowledgedAfterKill.get()).isPositive();
    }

    // ------------------------------------------------------------------------------------------------ one round

    /** An open assessment and its members, each with their own token and the answers they will send. */
    record Round(String name, String assessment, List<String> subjects, Map<String, String> tokens) {

        static Round prepare(String name) throws Exception {
            List<String> subjects = new ArrayList<>();
            Map<String, String> tokens = new ConcurrentHashMap<>();
            for (int i = 0; i < MEMBERS_PER_ROUND; i++) {
                String subject = name + "-m-" + i;
                call("POST", "/api/v1/teams/" + team + "/members", admin,
                        Map.of("externalId", subject, "subject", subject)).expect(201);
                subjects.add(subject);
                tokens.put(subject, bootstrap(Map.of("role", "member", "tenant", "demo", "subject", subject)));
            }
            Instant now = Instant.now();
            String assessment = call("POST", "/api/v1/assessments", admin, Map.of("teamId", team,
                    "title", "Crash " + name, "opensAt", now.plusSeconds(3600).toString(),
                    "closesAt", now.plusSeconds(14 * 86400).toString())).expect(201).body().path("id").asText();
            call("POST", "/api/v1/assessments/" + assessment + "/open", admin, null).expect(200);
            return new Round(name, assessment, subjects, tokens);
        }

        Load submit() {
            Load load = new Load(this);
            load.start();
            return load;
        }

        void verify(Load load) throws Exception {
            List<String> found = new ArrayList<>();
            List<String> halfWritten = new ArrayList<>();
            for (String subject : subjects) {
                Reply reply = call("GET", "/api/v1/assessments/" + assessment + "/response", tokens.get(subject), null);
                if (reply.status() == 200) {
                    JsonNode sent = JSON.valueToTree(answers(subject));
                    boolean complete = sent.equals(NUMBERS_BY_VALUE, reply.body().path("answers"))
                            && "submitted".equals(reply.body().path("status").asText());
                    (complete ? found : halfWritten).add(subject);
                } else {
                    assertThat(reply.status()).as("%s: %s", subject, reply.body()).isEqualTo(404);
                }
            }
            int counted = call("GET", "/api/v1/assessments/" + assessment, admin, null).expect(200).body()
                    .path("submittedCount").asInt();
            System.out.printf("crash round '%s': %d submissions, %d acknowledged (%d after the kill), %d failed or "
                    + "unanswered, %d found (%d counted by the assessment), %d half-written%n", name,
                    load.submissions.get(), load.acknowledged.size(), load.acknowledgedAfterKill.get(),
                    load.failed.size(), found.size(), counted, halfWritten.size());
            assertThat(halfWritten).as("responses whose answers are not all there").isEmpty();
            assertThat(found).as("every acknowledged submission is found").containsAll(load.acknowledged);
            assertThat(counted).isEqualTo(found.size());
            assertThat(load.acknowledged.size() + load.failed.size()).isEqualTo(subjects.size());
            assertThat(load.acknowledged).hasSizeGreaterThan(KILL_AFTER);
        }
    }

    /** Numbers compare by value (3 and 3.0 are the same answer). */
    static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    static Map<String, Object> answers(String subject) {
        int i = Math.abs(subject.hashCode());
        return Map.ofEntries(Map.entry("role", i % 3 == 0 ? "people-manager" : "ic"),
                Map.entry("working-style", "hybrid"), Map.entry("team-async-style", "mostly-async"),
                Map.entry("comm-guide-documented", i % 2 == 0 ? "yes" : "no"), Map.entry("comm-norms-clear", 1 + i % 5),
                Map.entry("comm-effectiveness", 3), Map.entry("meetings-could-be-async", "often"),
                Map.entry("response-expectation", "within-an-hour"), Map.entry("response-norms-agreed", 2),
                Map.entry("focus-hours", 3 + i % 20), Map.entry("hours-worked", 40), Map.entry("realtime-share", 45),
                Map.entry("after-hours-frequency", "sometimes"), Map.entry("schedule-control", 3),
                Map.entry("async-alignment-effect", "somewhat-improves"), Map.entry("team-connectedness", 4),
                Map.entry("one-change", "Answer of " + subject));
    }

    // ------------------------------------------------------------------------------------------------ the load

    /**
     * Clients submitting each member's answers once. A submission that fails (no answer, or not 2xx) is not repeated,
     * so that what it left can be checked; the client then waits until the service is ready before going on, as a
     * client behind a load balancer would.
     */
    static final class Load {
        final Round round;
        final ConcurrentLinkedQueue<String> queue;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        final AtomicInteger submissions = new AtomicInteger();
        final AtomicInteger acknowledgedAfterKill = new AtomicInteger();
        final AtomicBoolean killedAt = new AtomicBoolean();
        final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

        Load(Round round) {
            this.round = round;
            this.queue = new ConcurrentLinkedQueue<>(round.subjects());
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(this::run);
            }
            clients.shutdown();
        }

        private void run() {
            String subject;
            while ((subject = queue.poll()) != null) {
                submissions.incrementAndGet();
                boolean afterKill = killedAt.get();
                try {
                    Reply reply = call("PUT", "/api/v1/assessments/" + round.assessment() + "/response",
                            round.tokens().get(subject), Map.of("answers", answers(subject), "submitted", true));
                    if (reply.status() / 100 == 2) {
                        acknowledged.add(subject);
                        if (afterKill) {
                            acknowledgedAfterKill.incrementAndGet();
                        }
                        continue;
                    }
                } catch (IOException | RuntimeException e) {
                    // no answer: the outcome is unknown, which is what the verification looks at
                }
                failed.add(subject);
                awaitReady();
            }
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            while (acknowledged.size() < count && System.nanoTime() < deadline && !clients.isTerminated()) {
                Thread.sleep(5);
            }
            assertThat(acknowledged.size()).as("acknowledged before the kill").isGreaterThanOrEqualTo(count);
        }

        void finish() throws InterruptedException {
            assertThat(clients.awaitTermination(RECOVERY.toSeconds(), TimeUnit.SECONDS)).as("clients done").isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP


    static Reply call(String method, String path, String token, Object body) throws IOException {
        return JsonCalls.call(service.baseUri(), method, path, token, body);
    }

    static String bootstrap(Map<String, String> request) throws IOException {
        return call("POST", "/api/v1/bootstrap/tokens", null, request).expect(200).body().path("accessToken").asText();
    }

    static boolean ready() {
        try {
            return call("GET", "/q/health/ready", null, null).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitReady() {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!ready() && System.nanoTime() < deadline) {
            PackagedService.sleep(250);
        }
    }

    static long postmasterPid() {
        return Postmasters.readPid(dataDirectory.resolve("pgdata")).orElseThrow();
    }
}
