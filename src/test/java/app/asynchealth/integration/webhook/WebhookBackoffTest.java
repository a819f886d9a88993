package app.asynchealth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.core.IntervalFunction;

/**
 * The retry intervals the dispatcher uses: each grows by the multiplier, is jittered within ±50 % around it (spread, not
 * constant), and never exceeds the cap. Sampled many times, since the jitter is random.
 */
class WebhookBackoffTest {

    static final int SAMPLES = 4000;

    /** The production settings: 30 s, ×3, at most 6 h. */
    final IntervalFunction production = WebhookDispatcher.backoff(Duration.ofSeconds(30), 3, Duration.ofHours(6));

    static LongSummaryStatistics sample(IntervalFunction backoff, int attempt) {
        return IntStream.range(0, SAMPLES).mapToLong(i -> backoff.apply(attempt)).summaryStatistics();
    }

    @Test
    void growsByTheMultiplierWithJitterWithinHalfEitherSide() {
        double base = 30_000;
        for (int attempt = 1; attempt <= 6; attempt++, base *= 3) { // 30 s, 90 s, 270 s … 2.25 h: below the cap
            LongSummaryStatistics delays = sample(production, attempt);
            assertThat((double) delays.getMin()).as("shortest wait after attempt %d", attempt).isGreaterThanOrEqualTo(base * 0.5);
            assertThat((double) delays.getMax()).as("longest wait after attempt %d", attempt).isLessThanOrEqualTo(base * 1.5);
            // Jitter spreads the waits over the whole band (retries of many deliveries do not move in step)...
            assertThat((double) delays.getMin()).as("jitter reaches down after attempt %d", attempt).isLessThan(base * 0.6);
            assertThat((double) delays.getMax()).as("jitter reaches up after attempt %d", attempt).isGreaterThan(base * 1.4);
            // ...around the exponential base.
            assertThat(delays.getAverage()).as("mean wait after attempt %d", attempt).isBetween(base * 0.95, base * 1.05);
        }
    }

    @Test
    void noWaitIsLongerThanTheCap() {
        // "Up to 6 h": the cap bounds the jittered wait itself, so jitter only shortens a wait that reaches it.
        double cap = Duration.ofHours(6).toMillis();
        for (int attempt = 7; attempt <= 40; attempt++) { // 30 s × 3^6 = 6.075 h: capped from the seventh on
            LongSummaryStatistics delays = sample(production, attempt);
            assertThat((double) delays.getMax()).as("longest wait after attempt %d", attempt).isLessThanOrEqualTo(cap);
            assertThat((double) delays.getMin()).as("shortest wait after attempt %d", attempt).isGreaterThanOrEqualTo(cap * 0.5);
        }
        // The seventh: its base (6.075 h) ±50 % straddles the cap, so some waits are shorter, none longer.
        LongSummaryStatistics seventh = sample(production, 7);
        assertThat((double) seventh.getMin()).isLessThan(cap * 0.6);
        assertThat((double) seventh.getMax()).isEqualTo(cap);
    }

    @Test
    void theTestProfilesSettingsBehaveAlike() {
        // 0.2 s, ×2, at most 1 s: what WebhookTest runs with.
        IntervalFunction test = WebhookDispatcher.backoff(Duration.ofMillis(200), 2, Duration.ofSeconds(1));
        long[] bases = { 200, 400, 800, 1000, 1000 };
        for (int attempt = 1; attempt <= bases.length; attempt++) {
            LongSummaryStatistics delays = sample(test, attempt);
            assertThat(delays.getMin()).isGreaterThanOrEqualTo(bases[attempt - 1] / 2);
            assertThat(delays.getMax()).isLessThanOrEqualTo(Math.min(bases[attempt - 1] * 3 / 2, 1000));
        }
    }
}
