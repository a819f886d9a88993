package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.tenancy.TenantWork;
import app.asynchealth.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Export slots are shared by every replica: each {@link ExportSlots} here stands for one replica, all on the suite's
 * PostgreSQL, with its own clock, so that what one replica holds the others count.
 */
@QuarkusTest
class ExportSlotsTest {

    @Inject
    TenantWork work;
    @Inject
    EntityManager entityManager;

    Instant now = Instant.now();
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    String acme;
    String globex;

    @BeforeEach
    void tenants() {
        acme = Api.newTenant();
        globex = Api.newTenant();
    }

    ExportSlots replica(int perTenant, int total) {
        return new ExportSlots(perTenant, total, Duration.ofMinutes(30), clock, work, entityManager);
    }

    /** The suite's other tests share the database and its bound on all exports: leave no slot of these tenants. */
    @AfterEach
    void endTheseExports() {
        for (String tenant : new String[] { acme, globex }) {
            work.call(tenant, () -> entityManager.createNativeQuery("DELETE FROM export_slot").executeUpdate());
        }
    }

    @Test
    void aTenantRunsAtMostItsShareAtOnceOnAllReplicasAndGetsItBackWhenAnExportEnds() {
        ExportSlots first = replica(2, 1000);
        ExportSlots second = replica(2, 1000);
        ExportSlots.Slot one = first.take(acme);
        second.take(acme);
        for (ExportSlots replica : new ExportSlots[] { first, second }) {
            assertThatThrownBy(() -> replica.take(acme)).isInstanceOfSatisfying(ProblemException.class, problem -> {
                assertThat(problem.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
                assertThat(problem.retryAfterSeconds()).isPositive();
            });
        }
        assertThat(first.running(acme)).isEqualTo(2);
        second.take(globex); // another tenant is not held up by acme's exports
        one.release();
        assertThat(second.running(acme)).isEqualTo(1);
        second.take(acme);
    }

    @Test
    void allReplicasTogetherRunAtMostTheTotalAtOnce() {
        // The total counts every tenant's slots, the suite's other tests' included: set it just above what runs now.
        long runningElsewhere = work.callForPlatform(() -> ((Number) entityManager
                .createNativeQuery("SELECT export_slots_running(now())").getSingleResult()).longValue());
        int total = (int) runningElsewhere + 2;
        replica(5, total).take(acme);
        replica(5, total).take(globex);
        String third = Api.newTenant();
        assertThatThrownBy(() -> replica(5, total).take(third)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aSlotWhoseDownloadNeverEndedExpiresWithTheExportTimeout() {
        ExportSlots replica = replica(2, 1000);
        replica.take(acme);
        replica.take(acme);
        assertThatThrownBy(() -> replica.take(acme)).isInstanceOf(ProblemException.class);
        now = now.plus(Duration.ofMinutes(31));
        assertThat(replica.running(acme)).isZero();
        replica.take(acme);
        assertThat(replica.running(acme)).isEqualTo(1);
    }

    @Test
    void aRefusedTakeWritesNothing() {
        ExportSlots replica = replica(1, 1000);
        replica.take(acme);
        assertThatThrownBy(() -> replica.take(acme)).isInstanceOf(ProblemException.class);
        long rows = work.call(acme, () -> ((Number) entityManager.createNativeQuery("SELECT count(*) FROM export_slot")
                .getSingleResult()).longValue());
        assertThat(rows).isEqualTo(1);
    }
}
