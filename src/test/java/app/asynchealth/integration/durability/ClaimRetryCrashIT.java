package app.asynchealth.integration.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import app.asynchealth.support.JsonCalls;
import app.asynchealth.support.JsonCalls.Reply;
import app.asynchealth.support.PackagedService;

/**
 * Members claim their codes, each with a claim key of their own, while the packaged service's JVM is killed with
 * SIGKILL. Some claims were committed and their reply lost, some never reached the database, some were never sent.
 * After the restart every member sends their code and key again: every seat ends with a working credential, and no
 * seat is left claimed with nobody holding it (the lock-out the claim key exists to prevent).
 */
class ClaimRetryCrashIT {

    static final int MEMBERS = 120;
    static final int CLIENTS = 6;
    static final int KILL_AFTER = 30;

    static final SecureRandom RANDOM = new SecureRandom();

    static Path dataDirectory;
    static Map<String, String> settings;
    static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("async-health-claims");
        settings = Map.of("async-health.data-dir", dataDirectory.toString(),
                "async-health.embedded-db.port", String.valueOf(PackagedService.freePort()),
                "quarkus.http.port", String.valueOf(PackagedService.freePort()));
        service = PackagedService.start("claims-1", settings);
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void afterAKillDuringABurstOfClaimsEveryClaimerWhoRetriesHoldsAWorkingCredential() throws Exception {
        String admin = call("POST", "/api/v1/bootstrap/tokens", null, Map.of("role", "tenant-admin", "tenant", "demo"))
                .body().path("accessToken").asText();
        String team = call("POST", "/api/v1/teams", admin, Map.of("name", "Claims under a kill")).body().path("id")
                .asText();
        for (int i = 0; i < MEMBERS; i++) {
            assertThat(call("POST", "/api/v1/teams/" + team + "/members", admin, Map.of("externalId", "c-" + i))
                    .status()).isEqualTo(201);
        }
        Instant now = Instant.now();
        String assessment = call("POST", "/api/v1/assessments", admin, Map.of("teamId", team, "title", "Claims",
                "opensAt", now.plusSeconds(3600).toString(), "closesAt", now.plusSeconds(7 * 86400).toString()))
                .body().path("id").asText();
        assertThat(call("POST", "/api/v1/assessments/" + assessment + "/open", admin, null).status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        call("POST", "/api/v1/assessments/" + assessment + "/invitations", admin, Map.of("delivery", "code")).body()
                .path("issued").forEach(issued -> codes.add(issued.path("code").asText()));
        assertThat(codes).hasSize(MEMBERS);
        Map<String, String> keys = new ConcurrentHashMap<>();
        codes.forEach(code -> keys.put(code, newKey()));

        // The burst: each client claims codes one after another until the kill ends the service under it.
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(codes);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(() -> {
                for (String code = queue.poll(); code != null; code = queue.poll()) {
                    try {
                        Reply reply = claim(code, keys.get(code));
                        (reply.status() == 201 ? acknowledged : unanswered).add(code);
                    } catch (IOException e) {
                        unanswered.add(code); // the reply was lost: sent, perhaps committed, never seen
                        return;
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < KILL_AFTER && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        service.kill();
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        service = PackagedService.start("claims-2", settings);

        // Everybody retries (those with a reply too: a retry of a claim that was seen is harmless) and answers.
        List<String> lockedOut = new ArrayList<>();
        for (String code : codes) {
            Reply again = claim(code, keys.get(code));
            if (again.status() != 201) {
                lockedOut.add(code + ": " + again.status());
                continue;
            }
            String token = again.body().path("token").asText();
            int saved = call("PUT", "/api/v1/assessments/" + assessment + "/response", token,
                    Map.of("answers", Map.of("role", "ic"))).status();
            if (saved != 201) {
                lockedOut.add(code + ": answering gave " + saved);
            }
        }
        JsonNode round = call("GET", "/api/v1/assessments/" + assessment, admin, null).body();
        System.out.printf("claims under a kill: %d acknowledged before the kill, %d without a reply, %d never sent; "
                + "%d locked out after retrying%n", acknowledged.size(), unanswered.size(),
                MEMBERS - acknowledged.size() - unanswered.size(), lockedOut.size());
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER);
        assertThat(lockedOut).as("seats without a working credential").isEmpty();
        assertThat(round.path("invitedCount").asInt()).isEqualTo(MEMBERS);
    }

    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }


    static Reply claim(String code, String key) throws IOException {
        return call("POST", "/api/v1/invitation-claims", null, Map.of("code", code, "claimKey", key));
    }

    static Reply call(String method, String path, String token, Object body) throws IOException {
        return JsonCalls.call(service.baseUri(), method, path, token, body);
    }
}
