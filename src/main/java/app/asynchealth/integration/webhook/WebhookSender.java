package app.asynchealth.integration.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.asynchealth.integration.webhook.WebhookDeliveryRepository.Claimed;
import app.asynchealth.platform.security.SecretBox;

/**
 * Makes one signed attempt at a delivery. The destination is checked before the attempt and again by the client's DNS
 * resolver, on the very addresses it is about to connect to, so that a name re-pointed inside the network in between
 * (DNS rebinding) is refused as well. Redirects are not followed (a redirect could lead inside the network), and
 * connecting, answering and the whole attempt, body included, are each bounded in time.
 */
@ApplicationScoped
public class WebhookSender {

    /** What one attempt came to: an HTTP status, or an error when no status came back. */
    public record Outcome(Instant at, Integer statusCode, String error, int durationMs) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        boolean gone() {
            return statusCode != null && statusCode == 410;
        }
    }

    static final String USER_AGENT = "async-health-webhooks/1";

    private final DestinationPolicy destinations;
    private final SecretBox secrets;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration deadline;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(DestinationPolicy destinations, SecretBox secrets, Clock clock,
            @ConfigProperty(name = "async-health.webhooks.connect-timeout", defaultValue = "5s") Duration connectTimeout,
            @ConfigProperty(name = "async-health.webhooks.request-timeout", defaultValue = "10s") Duration requestTimeout,
            @ConfigProperty(name = "async-health.webhooks.concurrency", defaultValue = "8") int concurrency) {
        this.destinations = destinations;
        this.secrets = secrets;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.deadline = connectTimeout.plus(requestTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(destinations))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout)).build())
                        .setMaxConnTotal(concurrency * 2).setMaxConnPerRoute(concurrency)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(requestTimeout)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent(USER_AGENT)
                .build();
    }

    @PreDestroy
    void stop() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    public Outcome send(Claimed delivery) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Optional<String> refusal = destinations.refusal(delivery.url());
        if (refusal.isPresent()) {
            return new Outcome(at, null, "destination refused: the URL " + refusal.get(), 0);
        }
        String messageId = WebhookMessages.messageId(delivery.eventId());
        long timestamp = at.getEpochSecond();
        HttpPost request = new HttpPost(delivery.url());
        request.setHeader(WebhookMessages.ID, messageId);
        request.setHeader(WebhookMessages.TIMESTAMP, Long.toString(timestamp));
        request.setHeader(WebhookMessages.SIGNATURE,
                WebhookMessages.signature(secrets.open(delivery.secret()), messageId, timestamp, delivery.payload()));
        // JSON is UTF-8 by definition (RFC 8259), and application/json has no charset parameter.
        request.setEntity(new ByteArrayEntity(delivery.payload().getBytes(StandardCharsets.UTF_8),
                ContentType.create("application/json")));
        AtomicBoolean cutOff = new AtomicBoolean();
        ScheduledFuture<?> cut = deadlines.schedule(() -> {
            cutOff.set(true);
            request.cancel();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            // The handler returns once the body is read (and discarded), so the deadline covers a dripping body too.
            int status = client.execute(request, response -> response.getCode());
            return new Outcome(at, status, null, elapsed(started));
        } catch (UnknownHostException e) {
            return new Outcome(at, null, "destination refused or unknown: " + e.getMessage(), elapsed(started));
        } catch (IOException e) {
            if (cutOff.get()) {
                return new Outcome(at, null, "no complete answer within " + deadline.toMillis() + " ms", elapsed(started));
            }
            if (e instanceof java.net.SocketTimeoutException) {
                return new Outcome(at, null, "no answer within " + requestTimeout.toMillis() + " ms", elapsed(started));
            }
            return new Outcome(at, null, "could not connect: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), elapsed(started));
        } catch (RuntimeException e) {
            // An attempt cancelled mid-way may surface unchecked; anything else unexpected counts as a failed attempt.
            return new Outcome(at, null, cutOff.get() ? "no complete answer within " + deadline.toMillis() + " ms"
                    : "failed: " + e.getClass().getSimpleName(), elapsed(started));
        } finally {
            cut.cancel(false);
        }
    }

    private static int elapsed(long startedNanos) {
        return (int) Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Resolves as the system does, then refuses the name if any address it resolved to is not allowed. */
    static final class CheckedResolver implements DnsResolver {

        private final DestinationPolicy destinations;

        CheckedResolver(DestinationPolicy destinations) {
            this.destinations = destinations;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            Optional<String> refusal = destinations.refusal(host, addresses);
            if (refusal.isPresent()) {
                throw new UnknownHostException(host + " " + refusal.get());
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
