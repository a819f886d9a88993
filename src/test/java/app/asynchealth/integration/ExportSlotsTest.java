package app.asynchealth.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;

class ExportSlotsTest {

    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final ExportSlots slots = new ExportSlots(2, 3, Duration.ofMinutes(30), clock);

    @Test
    void aTenantRunsAtMostItsShareAtOnceAndGetsItBackWhenAnExportEnds() {
        ExportSlots.Slot first = slots.take("acme");
        slots.take("acme");
        assertThatThrownBy(() -> slots.take("acme")).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
            assertThat(problem.retryAfterSeconds()).isPositive();
        });
        slots.take("globex"); // another tenant is not held up by acme's exports
        first.release();
        slots.take("acme");
    }

    @Test
    void theReplicaRunsAtMostItsTotalAtOnce() {
        slots.take("a");
        slots.take("b");
        slots.take("c");
        assertThatThrownBy(() -> slots.take("d")).isInstanceOf(ProblemException.class);
    }

    @Test
    void aSlotWhoseDownloadNeverEndedExpiresWithTheExportTimeout() {
        slots.take("acme");
        slots.take("acme");
        now = now.plus(Duration.ofMinutes(31));
        slots.take("acme");
    }
}
