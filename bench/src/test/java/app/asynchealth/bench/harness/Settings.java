package app.asynchealth.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the harness does, from environment variables (all optional; {@code BENCH_QUICK=1} shrinks every duration and
 * dataset to try the command in a few minutes). Every value used is written to the results file.
 */
record Settings(boolean quick, List<String> javaOptions, Path dataDirectory,
        int exportTeams, int exportRounds, int exportRespondents,
        int rollupTeams, int rollupRespondents,
        int credentials, int membersPerTeam,
        Duration warmUp, Duration saturationStep, List<Integer> saturationConcurrency, Duration halfRate,
        int maxInFlight, Duration pgbenchDuration, int pgbenchClients,
        double profileRate, Duration profileDuration, double rollupRate, Duration rollupDuration,
        Duration settle, String figures, double pageRate, Duration pageDuration, int pageSeats,
        int tickTenants, int tickTeams, int tickMembers, double tickRate, Duration tickSeconds, Duration tickTimeout) {

    /**
     * Which figures a run measures: all of them, the answer page's only ({@code BENCH_FIGURES=page}), or the schedule
     * tick's only ({@code BENCH_FIGURES=tick}).
     */
    static final List<String> FIGURE_SETS = List.of("all", "page", "tick");

    /** Only the answer page's figures (f) and (g): no export or rollup dataset, no other figure. */
    boolean pageOnly() {
        return figures.equals("page");
    }

    /** Only the schedule tick's figures (h), on a service of their own. */
    boolean tickOnly() {
        return figures.equals("tick");
    }

    static Settings fromEnvironment() {
        boolean quick = "1".equals(System.getenv("BENCH_QUICK")) || "true".equalsIgnoreCase(System.getenv("BENCH_QUICK"));
        // Sized as for a 416 MiB container (README, "Sizing memory": heap = limit - 256 MiB; below 1792 MB the JVM
        // picks the serial collector by itself); BENCH_JAVA_OPTS=none runs the bare README command.
        String javaOptions = env("BENCH_JAVA_OPTS", "-XX:+UseSerialGC -Xmx160m");
        if (javaOptions.strip().equals("none")) {
            javaOptions = "";
        }
        return new Settings(quick,
                javaOptions.isBlank() ? List.of() : List.of(javaOptions.trim().split("\\s+")),
                Path.of(env("BENCH_DATA_DIR", "target/bench-data")).toAbsolutePath(),
                integer("BENCH_EXPORT_TEAMS", quick ? 25 : 125),
                integer("BENCH_EXPORT_ROUNDS", quick ? 20 : 100),
                integer("BENCH_EXPORT_RESPONDENTS", 5),
                integer("BENCH_ROLLUP_TEAMS", 100),
                integer("BENCH_ROLLUP_RESPONDENTS", 100),
                integer("BENCH_CREDENTIALS", quick ? 2_000 : 10_000),
                integer("BENCH_TEAM_SIZE", 50),
                seconds("BENCH_WARMUP_SECONDS", quick ? 5 : 20),
                seconds("BENCH_STEP_SECONDS", quick ? 4 : 10),
                integers("BENCH_CONCURRENCY", quick ? "4,16" : "2,4,8,16,32,64"),
                seconds("BENCH_HALF_RATE_SECONDS", quick ? 10 : 60),
                integer("BENCH_MAX_IN_FLIGHT", 64),
                seconds("BENCH_PGBENCH_SECONDS", quick ? 5 : 20),
                integer("BENCH_PGBENCH_CLIENTS", 16),
                decimal("BENCH_PROFILE_RATE", 100),
                seconds("BENCH_PROFILE_SECONDS", quick ? 5 : 30),
                decimal("BENCH_ROLLUP_RATE", 5),
                seconds("BENCH_ROLLUP_SECONDS", quick ? 5 : 30),
                seconds("BENCH_SETTLE_SECONDS", quick ? 3 : 15),
                figureSet(env("BENCH_FIGURES", "all")),
                decimal("BENCH_PAGE_RATE", 100),
                seconds("BENCH_PAGE_SECONDS", quick ? 5 : 30),
                integer("BENCH_PAGE_SEATS", quick ? 200 : 1_000),
                integer("BENCH_TICK_TENANTS", quick ? 20 : 100),
                integer("BENCH_TICK_TEAMS", 100),
                integer("BENCH_TICK_MEMBERS", 3),
                decimal("BENCH_TICK_RATE", 50),
                seconds("BENCH_TICK_SECONDS", quick ? 10 : 30),
                seconds("BENCH_TICK_TIMEOUT_SECONDS", 1_200));
    }

    private static String figureSet(String value) {
        String set = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!FIGURE_SETS.contains(set)) {
            throw new IllegalArgumentException("BENCH_FIGURES=" + value + ": one of " + FIGURE_SETS);
        }
        return set;
    }

    Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("quick", quick);
        map.put("javaOptions", javaOptions);
        map.put("export", ordered("teams", exportTeams, "roundsPerTeam", exportRounds, "respondentsPerRound",
                exportRespondents));
        map.put("rollup", ordered("teams", rollupTeams, "respondentsPerTeam", rollupRespondents));
        map.put("submissions", ordered("credentialsSeededFirst", credentials, "membersPerTeam", membersPerTeam,
                "warmUpSeconds", warmUp.toSeconds(), "saturationStepSeconds", saturationStep.toSeconds(),
                "saturationConcurrency", saturationConcurrency, "halfRateSeconds", halfRate.toSeconds(),
                "maxInFlight", maxInFlight));
        map.put("pgbench", ordered("seconds", pgbenchDuration.toSeconds(), "clients", pgbenchClients));
        map.put("teamProfile", ordered("rate", profileRate, "seconds", profileDuration.toSeconds()));
        map.put("organisationRollup", ordered("rate", rollupRate, "seconds", rollupDuration.toSeconds()));
        map.put("settleSeconds", settle.toSeconds());
        map.put("figures", figures);
        map.put("answerPage", ordered("rate", pageRate, "seconds", pageDuration.toSeconds(), "seats", pageSeats));
        map.put("scheduleTick", ordered("tenants", tickTenants, "teamsPerTenant", tickTeams, "membersPerTeam",
                tickMembers, "rate", tickRate, "seconds", tickSeconds.toSeconds(), "timeoutSeconds",
                tickTimeout.toSeconds()));
        return map;
    }

    /** A map of these keys and values, in this order. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)).trim());
    }

    private static double decimal(String name, double fallback) {
        return Double.parseDouble(env(name, String.valueOf(fallback)).trim());
    }

    private static Duration seconds(String name, long fallback) {
        return Duration.ofMillis(Math.round(decimal(name, fallback) * 1000));
    }

    private static List<Integer> integers(String name, String fallback) {
        List<Integer> values = new ArrayList<>();
        for (String part : env(name, fallback).split(",")) {
            values.add(Integer.parseInt(part.trim()));
        }
        return values;
    }
}
