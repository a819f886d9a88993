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

/**
 * Runs a pgbench script against the service's embedded PostgreSQL, as the service's application role (so row-level
 * security applies as it does to the service), prepared statements ({@code -M prepared}, as the JDBC driver does after
 * a few executions), {@code clients} connections over TCP on loopback.
 */
final class Pgbench {

    record Result(String script, int clients, double seconds, double tps, double latencyAverageMs, long transactions,
            long failed, String output) {

        Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("script", script);
            map.put("clients", clients);
            map.put("seconds", seconds);
            map.put("tps", Load.round(tps));
            map.put("latencyAverageMs", Load.round(latencyAverageMs));
            map.put("transactions", transactions);
            map.put("failed", failed);
            return map;
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
        List<String> command = new ArrayList<>(List.of(executable(), "-h", "localhost", "-p",
                String.valueOf(database.port()), "-U", Database.APP_ROLE, "-n", "-M", "prepared", "-c",
                String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)), "-T",
                String.valueOf(duration.toSeconds()), "-f", script.toString()));
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
                failed.find() ? Long.parseLong(failed.group(1)) : 0, output);
    }
}
