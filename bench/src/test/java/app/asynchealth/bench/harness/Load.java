package app.asynchealth.bench.harness;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The harness's load driver, in two models.
 *
 * <p><b>Fixed rate (open model, as wrk2):</b> request <i>i</i> is due at {@code start + i / rate}; its latency is
 * measured from that intended time, not from when it was actually sent, so a stalled service (or a full connection
 * pool on the client side, at most {@code maxInFlight} requests in flight) shows as latency instead of hiding as fewer
 * requests (no coordinated omission). Errors: any status other than the expected one, a timeout, a refused or broken
 * connection.
 *
 * <p><b>Closed loop (saturation):</b> {@code concurrency} clients each send their next request as soon as the previous
 * one answered; the completed requests per second are the throughput at that concurrency.
 *
 * <p>Latencies are recorded in microseconds in an HdrHistogram (3 significant digits, up to 10 minutes).
 */
final class Load {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** What one run did. Latencies in microseconds. */
    record Result(String name, String model, double offeredRate, int concurrency, double seconds, long sent, long ok,
            long errors, Map<String, Long> errorKinds, Histogram latency, boolean exhausted) {

        double throughput() {
            return ok / seconds;
        }

        double percentileMs(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }

        Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("model", model);
            if (offeredRate > 0) {
                map.put("offeredRatePerSecond", round(offeredRate));
            }
            map.put("concurrency", concurrency);
            map.put("seconds", round(seconds));
            map.put("sent", sent);
            map.put("ok", ok);
            map.put("errors", errors);
            map.put("errorKinds", errorKinds);
            map.put("throughputPerSecond", round(throughput()));
            Map<String, Object> latencyMs = new LinkedHashMap<>();
            latencyMs.put("p50", round(percentileMs(50)));
            latencyMs.put("p90", round(percentileMs(90)));
            latencyMs.put("p99", round(percentileMs(99)));
            latencyMs.put("p999", round(percentileMs(99.9)));
            latencyMs.put("max", round(maxMs()));
            latencyMs.put("mean", round(latency.getTotalCount() == 0 ? Double.NaN : latency.getMean() / 1000.0));
            map.put("latencyMs", latencyMs);
            map.put("ranOutOfRequests", exhausted);
            return map;
        }

        String summary() {
            return String.format("%s: %s%s, %.1f s, %,d ok, %d errors%s, %.1f/s; p50 %.2f ms, p99 %.2f ms, "
                    + "p99.9 %.2f ms, max %.2f ms%s", name, model,
                    offeredRate > 0 ? String.format(" at %.1f/s", offeredRate) : " with " + concurrency + " clients",
                    seconds, ok, errors, errorKinds.isEmpty() ? "" : " " + errorKinds, throughput(), percentileMs(50),
                    percentileMs(99), percentileMs(99.9), maxMs(), exhausted ? " (ran out of requests)" : "");
        }
    }

    /**
     * One result of several runs of the same requests (the halves of an A-B-B-A comparison): their histograms added,
     * their counts summed, their seconds summed.
     */
    static Result merge(String name, java.util.List<Result> runs) {
        Histogram latency = histogram();
        Map<String, Long> errorKinds = new LinkedHashMap<>();
        long sent = 0;
        long ok = 0;
        double seconds = 0;
        boolean exhausted = false;
        for (Result run : runs) {
            latency.add(run.latency());
            run.errorKinds().forEach((kind, n) -> errorKinds.merge(kind, n, Long::sum));
            sent += run.sent();
            ok += run.ok();
            seconds += run.seconds();
            exhausted |= run.exhausted();
        }
        Result first = runs.get(0);
        return new Result(name, first.model(), first.offeredRate(), first.concurrency(), seconds, sent, ok,
                errors(errorKinds), errorKinds, latency, exhausted);
    }

    static double round(double value) {
        return Double.isNaN(value) ? Double.NaN : Math.round(value * 100) / 100.0;
    }

    private final HttpClient client;
    private final Duration timeout;

    Load(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Sends {@code requests.apply(i)} at a fixed rate for the duration; a null request means none is left (the run
     * stops there and says so).
     */
    Result fixedRate(String name, double rate, Duration duration, int maxInFlight, int expectedStatus,
            LongFunction<HttpRequest> requests) {
        return fixedRate(name, rate, duration, maxInFlight, expectedStatus, requests, null);
    }

    /**
     * As above; with a {@code check}, each response of the expected status is read whole (as a string) and the check
     * says what is wrong with it (an error kind) or null when it is right.
     */
    Result fixedRate(String name, double rate, Duration duration, int maxInFlight, int expectedStatus,
            LongFunction<HttpRequest> requests, Function<HttpResponse<String>, String> check) {
        Histogram latency = histogram();
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong ok = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        AtomicLong lastCompletion = new AtomicLong();
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        boolean exhausted = false;
        CountDownLatchCounter pending = new CountDownLatchCounter();
        for (long i = 0;; i++) {
            long intended = start + i * periodNanos;
            if (intended >= end) {
                break;
            }
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = requests.apply(i);
            if (request == null) {
                exhausted = true;
                break;
            }
            inFlight.acquireUninterruptibly(); // waiting here is latency of this request: it is measured from intended
            sent++;
            pending.increment();
            java.util.concurrent.CompletableFuture<? extends HttpResponse<?>> sending = check == null
                    ? client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    : client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            sending.whenComplete((response, failure) -> {
                long now = System.nanoTime();
                latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (now - intended) / 1000)));
                count(response, failure, expectedStatus, ok, errorKinds, check);
                lastCompletion.accumulateAndGet(now, Math::max);
                inFlight.release();
                pending.decrement();
            });
        }
        pending.await(timeout.plusSeconds(5));
        double seconds = Math.max(end, lastCompletion.get()) - start;
        if (exhausted) {
            seconds = lastCompletion.get() - start;
        }
        return new Result(name, "fixed rate", rate, maxInFlight, seconds / 1e9, sent, ok.get(), errors(errorKinds),
                new LinkedHashMap<>(errorKinds), latency, exhausted);
    }

    /** {@code concurrency} clients, each sending the next request as soon as it has the answer, for the duration. */
    Result closedLoop(String name, int concurrency, Duration duration, int expectedStatus,
            LongFunction<HttpRequest> requests) throws InterruptedException {
        Histogram latency = histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicLong index = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        boolean[] exhausted = new boolean[1];
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            Thread client = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        HttpRequest request = requests.apply(index.getAndIncrement());
                        if (request == null) {
                            exhausted[0] = true;
                            return;
                        }
                        sent.incrementAndGet();
                        long begin = System.nanoTime();
                        HttpResponse<Void> response = null;
                        Throwable failure = null;
                        try {
                            response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            failure = e;
                        }
                        latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (System.nanoTime() - begin) / 1000)));
                        count(response, failure, expectedStatus, ok, errorKinds);
                    }
                } finally {
                    done.countDown();
                }
            }, name + "-" + c);
            client.setDaemon(true);
            client.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, "closed loop", 0, concurrency, seconds, sent.get(), ok.get(), errors(errorKinds),
                new LinkedHashMap<>(errorKinds), latency, exhausted[0]);
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    private static void count(HttpResponse<?> response, Throwable failure, int expectedStatus, AtomicLong ok,
            Map<String, Long> errorKinds) {
        count(response, failure, expectedStatus, ok, errorKinds, null);
    }

    @SuppressWarnings("unchecked")
    private static void count(HttpResponse<?> response, Throwable failure, int expectedStatus, AtomicLong ok,
            Map<String, Long> errorKinds, Function<HttpResponse<String>, String> check) {
        if (failure == null && response != null && response.statusCode() == expectedStatus) {
            String wrong = check == null ? null : check.apply((HttpResponse<String>) response);
            if (wrong == null) {
                ok.incrementAndGet();
            } else {
                errorKinds.merge(wrong, 1L, Long::sum);
            }
            return;
        }
        String kind;
        if (failure != null) {
            Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                    ? failure.getCause() : failure;
            kind = cause instanceof HttpTimeoutException ? "timeout" : cause.getClass().getSimpleName();
        } else {
            kind = "status " + response.statusCode();
        }
        errorKinds.merge(kind, 1L, Long::sum);
    }

    private static long errors(Map<String, Long> kinds) {
        return kinds.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests still in flight, to wait for at the end of a fixed-rate run. */
    private static final class CountDownLatchCounter {
        private long count;

        synchronized void increment() {
            count++;
        }

        synchronized void decrement() {
            count--;
            if (count == 0) {
                notifyAll();
            }
        }

        synchronized void await(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
