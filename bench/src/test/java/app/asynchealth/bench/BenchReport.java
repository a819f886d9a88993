package app.asynchealth.bench;

import java.util.Arrays;

/** Percentiles and the one-line report every benchmark prints. */
final class BenchReport {

    private BenchReport() {
    }

    static long percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    static void print(String what, long[] nanos) {
        System.out.printf("BENCH %s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n", what, nanos.length,
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6,
                Arrays.stream(nanos).max().orElse(0) / 1e6);
    }
}
