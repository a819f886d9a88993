package app.asynchealth.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * Runs a pgbench script against the service's embedded PostgreSQL, as the service's application role (so row-level
 * security applies as it does to the service), prepared statements ({@code -M prepared}, as the JDBC driver does after
 * a few executions), {@code clients} connections over TCP on loopback.
 */
final class Pgbench {

    record Result(String script, int clients, double seconds, double tps, double latencyAverageMs, long transactions,
            long failed, String output, Double rate, Histogram latencies) {

        Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("script", script);
            map.put("clients", clients);
            map.put("seconds", seconds);
            if (rate != null) {
                map.put("fixedRatePerSecond", Load.round(rate));
            }
            map.put("tps", Load.round(tps));
            map.put("latencyAverageMs", Load.round(latencyAverageMs));
            if (latencies != null) {
                map.put("p50Ms", Load.round(percentileMs(50)));
                map.put("p99Ms", Load.round(percentileMs(99)));
                map.put("p999Ms", Load.round(percentileMs(99.9)));
                map.put("maxMs", Load.round(latencies.getMaxValue() / 1000.0));
            }
            map.put("transactions", transactions);
            map.put("failed", failed);
            return map;
        }

        /** From the per-transaction log of a fixed-rate run: latency from the scheduled start (schedule lag included). */
        double percentileMs(double percentile) {
            return latencies == null ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    static String executable() {
        for (String candidate : List.of("pgbench")) {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path path = Path.of(directory, candidate);
                if (Files.isExecutable(path)) {
                    return path.toString();
                }
            }
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin/pgbench")).filter(Files::isExecutable).findFirst()
                    .map(Path::toString).orElseThrow(() -> new IllegalStateException("no pgbench (bench/run installs it)"));
        } catch (IOException e) {
            throw new IllegalStateException("no pgbench (bench/run installs it)", e);
        }
    }

    /**
     * @param sessionTenant when not null, every connection is bound to this tenant when it opens (PGOPTIONS), for a
     *        script that does not bind it itself
     */
    static Result run(Database database, Path script, int clients, Duration duration, Map<String, String> variables,
            String sessionTenant) throws IOException, InterruptedException {
        return run(database, script, clients, duration, variables, sessionTenant, null);
    }

    /**
     * As {@link #run}, throttled to {@code rate} transactions a second ({@code -R}, a Poisson schedule) with every
     * transaction logged ({@code -l}), for the database's own latency percentiles at a given rate.
     */
    static Result run(Database database, Path script, int clients, Duration duration, Map<String, String> variables,
            String sessionTenant, Double rate) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-h", "localhost", "-p",
                String.valueOf(database.port()), "-U", Database.APP_ROLE, "-n", "-M", "prepared", "-c",
                String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)), "-T",
                String.valueOf(duration.toSeconds()), "-f", script.toString()));
        Path logs = null;
        if (rate != null) {
            logs = Files.createTempDirectory("pgbench-log");
            command.addAll(List.of("-R", String.format("%.1f", rate), "-l", "--log-prefix",
                    logs.resolve("tx").toString()));
        }
        variables.forEach((name, value) -> {
            command.add("-D");
            command.add(name + "=" + value);
        });
        command.add(Database.NAME);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        builder.environment().remove("PGOPTIONS");
        if (sessionTenant != null) {
            builder.environment().put("PGOPTIONS", "-c async_health.tenant_id=" + sessionTenant);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher tps = TPS.matcher(output);
        if (exit != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench " + script + " failed (exit " + exit + "):\n" + output);
        }
        Matcher latency = LATENCY.matcher(output);
        Matcher processed = PROCESSED.matcher(output);
        Matcher failed = FAILED.matcher(output);
        return new Result(script.getFileName().toString(), clients, duration.toSeconds(), Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                processed.find() ? Long.parseLong(processed.group(1)) : -1,
                failed.find() ? Long.parseLong(failed.group(1)) : 0, output, rate,
                logs == null ? null : latencies(logs));
    }

    /**
     * Reads pgbench's per-transaction logs: {@code client tx time_us script epoch epoch_us [schedule_lag_us]}; with
     * {@code -R} the latency from the scheduled start is time + schedule lag (as the harness's own fixed-rate runs).
     */
    private static Histogram latencies(Path logs) throws IOException {
        Histogram histogram = new Histogram(3);
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length < 6 || fields[2].equals("skipped") || fields[2].equals("failed")) {
                        continue;
                    }
                    long micros = Long.parseLong(fields[2]) + (fields.length > 6 ? Long.parseLong(fields[6]) : 0);
                    histogram.recordValue(Math.max(1, micros));
                }
                Files.delete(file);
            }
        }
        Files.delete(logs);
        return histogram;
    }
}
