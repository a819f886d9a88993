package app.asynchealth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.scoring.ScoringModels;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The scores export streams in constant memory: 100,000 rows (12,500 closed assessments × 8 dimensions, each with 5
 * submitted responses, so every profile is computed) are downloaded over HTTP while a sampler thread measures the live
 * heap (used right after a full GC) of this JVM, which runs the service, every {@value #SAMPLE_MILLIS} ms. The growth
 * over the live heap before the download must stay within {@value #MAX_GROWTH_MB} MB. The client reads the body as a
 * stream and keeps nothing but counts. Also reports rows/s and that the closed-profiles cache did not grow. The rounds
 * are closed by SQL, without stored final profiles (as before migration V12): the first download stores them; the
 * second, read from the stored profiles, must take at most {@code MAX_DURATION} (2 s, issue 15).
 */
@QuarkusTest
class ScoresExportBench {

    static final int TEAMS = 125;
    static final int ROUNDS = 100;
    static final int RESPONDENTS = 5;
    static final int DIMENSIONS = 8;
    static final long ROWS = (long) TEAMS * ROUNDS * DIMENSIONS;
    static final long MAX_GROWTH_MB = 32;
    static final Duration MAX_DURATION = Duration.ofSeconds(2);
    static final long SAMPLE_MILLIS = 500;

    @Inject
    AsTenant asTenant;
    @Inject
    EntityManager entityManager;
    @Inject
    @CacheName("closed-profiles")
    Cache closedProfiles;

    final ScoringModel model = ScoringModels.load().forTemplate(BuiltInTemplates.load().find("async-health", 1).orElseThrow())
            .orElseThrow();

    record Download(long rows, long bytes, long nanos) {
    }

    @Test
    void oneHundredThousandRowsInConstantMemory() throws Exception {
        String tenant = Api.newTenant();
        long seeding = System.nanoTime();
        asTenant.call(tenant, () -> seed(tenant));
        ScoringBench.insertAnswers(entityManager, model, insert -> asTenant.call(tenant, () -> {
            insert.run();
            return null;
        }));
        ScoringBench.analyze();
        System.out.printf("BENCH scores export: seeded %,d closed assessments with %,d responses in %.1f s%n",
                TEAMS * ROUNDS, TEAMS * ROUNDS * RESPONDENTS, (System.nanoTime() - seeding) / 1e9);
        String hr = Tokens.as(tenant, "hr", Roles.HR_ANALYST);
        long cachedBefore = cached();

        // The rounds were closed by SQL, as before migration V12: the first download computes their final profiles and
        // stores them (closed_profile). Rounds closed by the service have their row from the close.
        Download backfill = download(hr, "application/x-ndjson");
        assertThat(backfill.rows()).isEqualTo(ROWS);
        report("NDJSON, first run (computes and stores the final profiles)", backfill);
        long stored = asTenant.call(tenant, () -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM closed_profile").getSingleResult()).longValue());
        assertThat(stored).as("stored final profiles").isEqualTo((long) TEAMS * ROUNDS);
        Download warm = download(hr, "application/x-ndjson");
        assertThat(warm.rows()).isEqualTo(ROWS);
        report("NDJSON, from the stored profiles", warm);
        Download csv = download(hr, "text/csv");
        assertThat(csv.rows()).as("header and rows").isEqualTo(ROWS + 1);
        report("CSV", csv);

        // The measured run: the live heap sampled during the download.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = liveHeap(memory);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong peak = new AtomicLong(baseline);
        List<Long> samples = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                long live = liveHeap(memory);
                synchronized (samples) {
                    samples.add(live);
                }
                peak.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.start();
        Download measured = download(hr, "application/x-ndjson");
        done.set(true);
        sampler.join();
        long after = liveHeap(memory);
        assertThat(measured.rows()).isEqualTo(ROWS);
        report("NDJSON, with heap sampling", measured);
        long growth = peak.get() - baseline;
        System.out.printf("BENCH scores export: live heap before %.1f MB, peak during %.1f MB (%d samples), after %.1f MB;"
                + " growth %.2f MB (limit %d MB)%n", mb(baseline), mb(peak.get()), samples.size(), mb(after), mb(growth),
                MAX_GROWTH_MB);
        assertThat(samples).as("samples during the download").hasSizeGreaterThanOrEqualTo(3);
        assertThat(growth).as("live heap growth in bytes").isLessThanOrEqualTo(MAX_GROWTH_MB * 1024 * 1024);
        assertThat(cached()).as("closed profiles cached by the export").isEqualTo(cachedBefore);
        assertThat(Duration.ofNanos(warm.nanos())).as("NDJSON download from the stored profiles")
                .isLessThanOrEqualTo(MAX_DURATION);
    }

    private long cached() {
        return closedProfiles.as(CaffeineCache.class).keySet().size();
    }

    /** Streams the export and counts lines and bytes; nothing of the body is kept. */
    private static Download download(String token, String accept) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/scores/export")).header("Authorization", "Bearer " + token).header("Accept", accept)
                .timeout(Duration.ofMinutes(30)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long rows = 0;
        long chars = 0;
        try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                rows++;
                chars += line.length() + 1;
            }
        }
        return new Download(rows, chars, System.nanoTime() - start);
    }

    private static void report(String what, Download download) {
        double seconds = download.nanos() / 1e9;
        System.out.printf("BENCH scores export, %s: %,d lines, %.1f MB in %.1f s = %,.0f rows/s%n", what,
                download.rows(), download.bytes() / 1e6, seconds, download.rows() / seconds);
    }

    /** Heap in use right after a full collection: what is still reachable. */
    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Teams with closed rounds (each closing at its own time) and submitted responses, written by the database. */
    private Void seed(String tenant) {
        entityManager.createNativeQuery("""
                INSERT INTO team (tenant_id, id, name, created_at, updated_at, version)
                SELECT ?1, gen_random_uuid(), 'Export team ' || g, now(), now(), 0 FROM generate_series(1, ?2) g""")
                .setParameter(1, tenant).setParameter(2, TEAMS).executeUpdate();
        entityManager.createNativeQuery("""
                INSERT INTO assessment (tenant_id, id, team_id, title, template_key, template_version, status, opens_at,
                    closes_at, anonymity_threshold, round, opened_at, closed_at, created_at, updated_at, version)
                SELECT tenant_id, gen_random_uuid(), id, 'Export', 'async-health', 1, 'CLOSED', now() - interval '400 days',
                    now() - interval '1 day', 5, r, now() - interval '400 days',
                    now() - make_interval(days => 1 + ?1 - r, secs => random() * 3600), now(), now(), 0
                FROM team, generate_series(1, ?1) r""").setParameter(1, ROUNDS).executeUpdate();
        entityManager.createNativeQuery("""
                INSERT INTO response (tenant_id, id, assessment_id, slot, status, submitted_at, created_at, updated_at, version)
                SELECT a.tenant_id, gen_random_uuid(), a.id, md5(a.id::text || g), 'SUBMITTED', now(), now(), now(), 0
                FROM assessment a, generate_series(1, ?1) g""").setParameter(1, RESPONDENTS).executeUpdate();
        return null;
    }
}
