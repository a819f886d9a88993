package app.asynchealth.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for a customer's webhook endpoint: it records every request and answers each path
 * with the statuses scripted for it (then 204), optionally after a delay.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String path, Map<String, List<String>> headers, String body, Instant at, int status) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Duration> drips = new ConcurrentHashMap<>();

    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final String host;

    public WebhookReceiver() {
        this("127.0.0.1");
    }

    /** @param host the loopback address to listen on (127.0.0.2 stands in for an internal host the policy refuses) */
    public WebhookReceiver(String host) {
        this.host = host;
        try {
            server = HttpServer.create(new InetSocketAddress(host, 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests to the path with these statuses, in order; afterwards with 204. */
    public WebhookReceiver answer(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
        return this;
    }

    /** Answers every request to the path with 302 Found to the location. */
    public WebhookReceiver redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    public WebhookReceiver delay(String path, Duration delay) {
        delays.put(path, delay);
        return this;
    }

    /** Answers 200 at once, then sends the body a byte at a time for this long. */
    public WebhookReceiver drip(String path, Duration total) {
        drips.put(path, total);
        return this;
    }

    public List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        Deque<Integer> script = scripts.get(path);
        Integer scripted;
        synchronized (this) {
            scripted = script == null ? null : script.poll();
        }
        String location = redirects.get(path);
        int status = location != null ? 302 : scripted == null ? 204 : scripted;
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
        }
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now(), status));
        Duration delay = delays.get(path);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Duration drip = drips.get(path);
        if (drip != null) {
            exchange.sendResponseHeaders(200, 0);
            long end = System.nanoTime() + drip.toNanos();
            try {
                while (System.nanoTime() < end) {
                    exchange.getResponseBody().write('.');
                    exchange.getResponseBody().flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the sender hung up: that is the point
            }
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
