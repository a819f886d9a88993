package app.asynchealth.integration.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.asynchealth.integration.webhook.WebhookDeliveryRepository.Claimed;
import app.asynchealth.platform.security.SecretBox;

/**
 * Makes one signed attempt at a delivery. Redirects are not followed (a redirect could lead inside the network), the
 * destination is checked again before each attempt, and connecting and answering are both bounded in time.
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
    private final HttpClient client;

    WebhookSender(DestinationPolicy destinations, SecretBox secrets, Clock clock,
            @ConfigProperty(name = "async-health.webhooks.connect-timeout", defaultValue = "5s") Duration connectTimeout,
            @ConfigProperty(name = "async-health.webhooks.request-timeout", defaultValue = "10s") Duration requestTimeout) {
        this.destinations = destinations;
        this.secrets = secrets;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.deadline = connectTimeout.plus(requestTimeout);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Outcome send(Claimed delivery) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        var refusal = destinations.refusal(delivery.url());
        if (refusal.isPresent()) {
            return new Outcome(at, null, "destination refused: the URL " + refusal.get(), 0);
        }
        String messageId = WebhookMessages.messageId(delivery.eventId());
        long timestamp = at.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(WebhookMessages.ID, messageId)
                .header(WebhookMessages.TIMESTAMP, Long.toString(timestamp))
                .header(WebhookMessages.SIGNATURE,
                        WebhookMessages.signature(secrets.open(delivery.secret()), messageId, timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        // The request timeout bounds the wait for the status line; the deadline bounds the whole attempt, so that an
        // endpoint that drips its body slowly cannot hold a sender either.
        CompletableFuture<HttpResponse<Void>> sending = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = sending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(at, response.statusCode(), null, elapsed(started));
        } catch (TimeoutException e) {
            sending.cancel(true);
            return new Outcome(at, null, "no complete answer within " + deadline.toMillis() + " ms", elapsed(started));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Outcome(at, null, "no answer within " + requestTimeout.toMillis() + " ms", elapsed(started));
            }
            return new Outcome(at, null, "could not connect: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()), elapsed(started));
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(at, null, "interrupted while sending", elapsed(started));
        }
    }

    private static int elapsed(long startedNanos) {
        return (int) Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
