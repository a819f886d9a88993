package app.asynchealth.platform.ratelimit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.platform.security.TokenHashes;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.quarkus.scheduler.Scheduled;

/**
 * One token bucket per caller of the HR routes: {@code requests} per {@code period}, the whole allowance renewed at
 * the end of each period of the bucket. The buckets are rows in PostgreSQL (Bucket4j's JDBC backend, each take one
 * short transaction under SELECT ... FOR UPDATE), so every replica draws from the same bucket: n replicas allow the
 * limit, not n times it. A bucket is keyed by a hash of tenant and caller; one unused for a whole period is full again
 * anyway, so it is then removed.
 */
@ApplicationScoped
public class HrRateLimits {

    private static final Logger LOG = Logger.getLogger(HrRateLimits.class);

    static final String TABLE = "hr_rate_limit_bucket";
    /** Rows removed per statement when stale buckets are cleared. */
    static final int CLEANUP_BATCH = 1000;

    /** The outcome for one request, with what the RateLimit headers report. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
            long windowSeconds) {
    }

    private final long requests;
    private final Duration period;
    private final BucketConfiguration configuration;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final DataSource dataSource;

    HrRateLimits(@ConfigProperty(name = "async-health.rate-limit.hr.requests") long requests,
            @ConfigProperty(name = "async-health.rate-limit.hr.period") Duration period, DataSource dataSource) {
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "async-health.rate-limit.hr.requests and .period must be positive, were " + requests + " and " + period);
        }
        this.requests = requests;
        this.period = period;
        this.dataSource = dataSource;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillIntervally(requests, period))
                .build();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(new ConnectionFailuresAsTransient(dataSource))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // A bucket is stale once it would be full again: keep it that long, and no longer.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    /** Takes one request from the caller's bucket, if one is left. */
    public Decision take(String caller) {
        ConsumptionProbe probe = buckets.getProxy(TokenHashes.sha256(caller), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), requests, probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), Math.max(1, seconds(probe.getNanosToWaitForRefill())),
                Math.max(1, period.toSeconds()));
    }

    /** Removes the buckets that are full again; replicas running it at once skip each other's rows. */
    @Scheduled(every = "5m", delay = 1, delayUnit = TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeStaleBuckets() {
        try {
            while (buckets.removeExpired(CLEANUP_BATCH) == CLEANUP_BATCH) {
                // another batch
            }
        } catch (RuntimeException e) {
            LOG.warnf("Stale rate-limit buckets were not removed this time: %s", e.getMessage());
        }
    }

    /** How many callers have a bucket, on all replicas: a request refused before the limit never makes one. */
    public long callers() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + TABLE)) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L; // rounded up: a client that waits that long is let in
    }
}
