package app.asynchealth.integration.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.integration.webhook.WebhookDeliveryRepository.Claimed;
import app.asynchealth.integration.webhook.WebhookSender.Outcome;
import app.asynchealth.platform.tenancy.TenantWork;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due deliveries. Every replica runs it; claims with {@code FOR UPDATE SKIP LOCKED} and a lease make each attempt
 * one replica's. Failed attempts are retried with exponential backoff and jitter until the attempts run out; an
 * endpoint is disabled when it answers 410 Gone or fails too many attempts in a row.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    static final int TENANTS_PER_TICK = 100;

    private final TenantWork work;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookEndpointRepository endpoints;
    private final WebhookSender sender;
    private final Clock clock;
    private final int maxAttempts;
    /** Deliveries one replica claims per tenant and tick; the rest stay for the next tick or another replica. */
    private final int batchSize;
    private final int disableAfterFailures;
    private final long leaseSeconds;
    private final IntervalFunction backoff;
    private final ExecutorService sending;
    private final MeterRegistry metrics;
    private final Duration logRetention;

    WebhookDispatcher(TenantWork work, WebhookDeliveryRepository deliveries, WebhookEndpointRepository endpoints,
            WebhookSender sender, Clock clock, MeterRegistry metrics,
            @ConfigProperty(name = "async-health.webhooks.max-attempts", defaultValue = "8") int maxAttempts,
            @ConfigProperty(name = "async-health.webhooks.disable-after-failures", defaultValue = "40") int disableAfterFailures,
            @ConfigProperty(name = "async-health.webhooks.retry.initial-interval", defaultValue = "30s") Duration initialInterval,
            @ConfigProperty(name = "async-health.webhooks.retry.multiplier", defaultValue = "3") double multiplier,
            @ConfigProperty(name = "async-health.webhooks.retry.max-interval", defaultValue = "6h") Duration maxInterval,
            @ConfigProperty(name = "async-health.webhooks.request-timeout", defaultValue = "10s") Duration requestTimeout,
            @ConfigProperty(name = "async-health.webhooks.concurrency", defaultValue = "8") int concurrency,
            @ConfigProperty(name = "async-health.webhooks.batch-size", defaultValue = "20") int batchSize,
            @ConfigProperty(name = "async-health.webhooks.log-retention", defaultValue = "30d") Duration logRetention) {
        this.logRetention = logRetention;
        this.batchSize = batchSize;
        this.work = work;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.disableAfterFailures = disableAfterFailures;
        // The lease outlasts the longest attempt by a wide margin, so a slow attempt is never made twice.
        this.leaseSeconds = Math.max(60, requestTimeout.toSeconds() * 6);
        this.backoff = backoff(initialInterval, multiplier, maxInterval);
        this.sending = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The wait before attempt n + 1 after attempt n failed: exponential, capped, with ±50 % jitter. */
    static IntervalFunction backoff(Duration initialInterval, double multiplier, Duration maxInterval) {
        return IntervalFunction.ofExponentialRandomBackoff(initialInterval, multiplier, 0.5, maxInterval);
    }

    /** @return milliseconds to wait after the failed attempt number {@code attempt} (1-based) of a round */
    long retryDelayMillis(int attempt) {
        return backoff.apply(attempt);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneLog() {
        pruneLog(clock.instant().minus(logRetention));
    }

    /** @return how many finished deliveries older than the instant were deleted from the log */
    public long pruneLog(Instant olderThan) {
        return work.call(null, () -> deliveries.pruneLog(olderThan));
    }

    @PreDestroy
    void stop() {
        sending.shutdownNow();
    }

    @Scheduled(every = "${async-health.webhooks.poll-interval:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        dispatchDue();
    }

    /** @return how many attempts were made */
    public int dispatchDue() {
        List<String> tenantIds = work.call(null, () -> deliveries.dueTenants(TENANTS_PER_TICK));
        int attempts = 0;
        for (String tenantId : tenantIds) {
            try {
                attempts += dispatch(tenantId);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not dispatch the webhooks of tenant %s", tenantId);
            }
        }
        return attempts;
    }

    private int dispatch(String tenantId) {
        List<Claimed> claimed = work.call(tenantId, () -> deliveries.claim(batchSize, leaseSeconds));
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (Claimed delivery : claimed) {
            outcomes.add(sending.submit(() -> sender.send(delivery)));
        }
        for (int i = 0; i < claimed.size(); i++) {
            Claimed delivery = claimed.get(i);
            Outcome outcome = outcome(outcomes.get(i));
            work.call(tenantId, () -> {
                record(delivery, outcome);
                return null;
            });
        }
        return claimed.size();
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void record(Claimed claimed, Outcome outcome) {
        // Counted per replica: operators see each replica's share, and a test can add them up.
        metrics.counter("async_health.webhook.attempts", "outcome", outcome.delivered() ? "delivered" : "failed")
                .increment();
        if (!endpoints.lockForRecording(claimed.endpointId())) {
            return; // its endpoint was deleted meanwhile
        }
        WebhookDelivery delivery = deliveries.findById(claimed.deliveryId());
        if (delivery == null) {
            return; // its endpoint was deleted meanwhile
        }
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.deliveryId = delivery.id;
        attempt.number = claimed.attempt();
        attempt.attemptedAt = outcome.at();
        attempt.statusCode = outcome.statusCode();
        attempt.error = outcome.error();
        attempt.durationMs = outcome.durationMs();
        deliveries.getEntityManager().persist(attempt);
        delivery.lastAttemptAt = outcome.at();
        delivery.lastStatus = outcome.statusCode();
        delivery.lastError = outcome.error();
        if (outcome.delivered()) {
            delivery.status = WebhookDelivery.Status.DELIVERED;
            delivery.deliveredAt = clock.instant();
            delivery.nextAttemptAt = null;
            deliveries.flush();
            endpoints.recordSuccess(claimed.endpointId());
            return;
        }
        if (outcome.gone() || claimed.attemptInRound() >= maxAttempts) {
            delivery.status = WebhookDelivery.Status.FAILED;
            delivery.nextAttemptAt = null;
        } else {
            delivery.nextAttemptAt = clock.instant().plusMillis(retryDelayMillis(claimed.attemptInRound()));
        }
        deliveries.flush();
        int failures = endpoints.recordFailure(claimed.endpointId());
        if (outcome.gone()) {
            endpoints.disable(claimed.endpointId(), "the endpoint answered 410 Gone");
        } else if (failures >= disableAfterFailures) {
            endpoints.disable(claimed.endpointId(), failures + " failed attempts in a row");
        }
    }
}
