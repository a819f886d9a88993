package app.asynchealth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.RepeatedTest;

import app.asynchealth.platform.tenancy.TenantWork;
import app.asynchealth.team.TeamRepository;
import app.asynchealth.tenant.TenantRepository;
import io.quarkus.test.junit.QuarkusTest;

/** Replicas that start together on one database: each makes the demo data if missing, and together they make it once. */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demoData;
    @Inject
    TenantWork work;
    @Inject
    TenantRepository tenants;
    @Inject
    TeamRepository teams;

    @RepeatedTest(10)
    void startsAtTheSameMomentMakeTheDemoTenantOnceAndNoneFails() throws Exception {
        String tenant = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        int replicas = 8;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                starts.add(pool.submit(() -> {
                    start.await();
                    demoData.onStart(null, true, tenant, work, tenants, teams);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> started : starts) {
                started.get(60, TimeUnit.SECONDS); // a start that failed rethrows here
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(work.callForPlatform(() -> tenants.findByIdOptional(tenant).isPresent())).isTrue();
        assertThat(work.call(tenant, () -> teams.count())).isEqualTo(1);
    }
}
