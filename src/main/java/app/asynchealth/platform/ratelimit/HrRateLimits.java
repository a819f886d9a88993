package app.asynchealth.platform.ratelimit;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket per caller of the HR routes: {@code requests} per {@code period}, the whole allowance renewed at
 * the end of each period of the bucket. The buckets live in this replica's memory, so the limit is per replica: behind
 * a load balancer with n replicas a caller may get up to n times the limit. The map is bounded; a bucket unused for a
 * whole period is full again anyway, so dropping it then changes nothing.
 */
@ApplicationScoped
public class HrRateLimits {

    /** Far more callers than a replica serves at once; beyond it the least recently used buckets go first. */
    static final int MAX_CALLERS = 100_000;

    /** The outcome for one request, with what the RateLimit headers report. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
            long windowSeconds) {
    }

    private final long requests;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    HrRateLimits(@ConfigProperty(name = "async-health.rate-limit.hr.requests") long requests,
            @ConfigProperty(name = "async-health.rate-limit.hr.period") Duration period) {
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "async-health.rate-limit.hr.requests and .period must be positive, were " + requests + " and " + period);
        }
        this.requests = requests;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CALLERS).expireAfterAccess(period).build();
    }

    /** Takes one request from the caller's bucket, if one is left. */
    public Decision take(String caller) {
        Bucket bucket = buckets.get(caller, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(requests).refillIntervally(requests, period))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), requests, probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), Math.max(1, seconds(probe.getNanosToWaitForRefill())),
                Math.max(1, period.toSeconds()));
    }

    /** How many callers have a bucket on this replica: a request refused before the limit never makes one. */
    public long callers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L; // rounded up: a client that waits that long is let in
    }
}
