package app.asynchealth.bench.harness;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.SerializationFeature;

import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.support.PackagedService;

/**
 * The one command of issue 15 (deliverable 4), run by {@code bench/run}: starts the packaged service on a fresh data
 * directory with its embedded PostgreSQL, seeds a dataset, warms up, measures (a) submissions, beside pgbench of the
 * same SQL and of the minimal INSERTs, (b) the team profile, (c) the organisation rollup, (f) the answer page's GET and
 * (g) its form against the API (issue 24), (d) the export of 100,000 rows, (e) start to ready and the resident set,
 * (h) the schedule tick over 10,000 teams and answering beside it (issue 25, on a service of its own), then prints one
 * table and writes {@code bench/results/<date>.json}. {@code BENCH_FIGURES=page} measures (f) and (g) alone, on their
 * own seats, and writes {@code <date>-page.json}; {@code BENCH_FIGURES=tick} measures (h) alone ({@code <date>-tick.json}).
 * A missed target is a result: the command fails only when it could not measure. See bench/README.md.
 */
public final class ServiceBenchmark {

    static final String EXPORT_TENANT = "bench-export";
    static final String ORG_TENANT = "bench-org";
    static final String SUBMIT_TENANT = "bench-submit";
    static final int PGBENCH_SEATS = 10_000;
    static final int PROFILE_RESPONDENTS = 12;

    record Credential(String assessment, String token) {
    }

    record Figure(String key, String figure, String value, String target, Boolean met, String how) {
    }

    private final Settings settings;
    private final Path root;
    private final HttpClient client;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Credential> credentials = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextCredential = new AtomicInteger();
    private final AtomicInteger teamsCreated = new AtomicInteger();
    private final AtomicLong subjects = new AtomicLong();
    private ServiceProcess service;
    private ServiceApi api;
    private Database database;
    private String platformAdmin;
    private String pgbenchAssessment;
    private String loadAverageAtStart;

    private ServiceBenchmark(Settings settings, Path root) {
        this.settings = settings;
        this.root = root;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, daemon("http")))
                .build();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        ServiceBenchmark bench = new ServiceBenchmark(Settings.fromEnvironment(), root);
        int exit = 0;
        try {
            bench.run();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.shutdown();
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        loadAverageAtStart = loadAverage();
        log("settings: " + settings.describe());
        deleteRecursively(settings.dataDirectory());
        Files.createDirectories(settings.dataDirectory());
        if (settings.tickOnly()) {
            // BENCH_FIGURES=tick: the schedule tick's figures alone, on a service started for them.
            scheduleTick();
            report(started, Instant.now());
            return;
        }
        int databasePort = PackagedService.freePort();
        service = new ServiceProcess(settings.javaOptions(), settings.dataDirectory(), databasePort);
        Duration firstStart = service.start("bench");
        log("service started (fresh data directory) in %d ms, pid %d, %s", firstStart.toMillis(), service.pid(),
                service.service().baseUri());
        details.put("firstStartMs", firstStart.toMillis());
        api = new ServiceApi(client, service.service().baseUri());
        database = new Database(databasePort, settings.dataDirectory());
        platformAdmin = api.token("platform-admin", null, null);

        if (settings.pageOnly()) {
            // BENCH_FIGURES=page: the answer page's figures alone, on a dataset of their own seats.
            api.newTenant(SUBMIT_TENANT, platformAdmin);
            answerPage();
            report(started, Instant.now());
            return;
        }
        Map<String, String> seeded = seed();
        warmUp(seeded);
        settle();
        long idleRss = service.rss();
        long idlePostgres = service.postgresPss();
        log("RSS idle after warm-up: service %.0f MB (its PostgreSQL: PSS %.0f MB)", mb(idleRss), mb(idlePostgres));

        submissions();
        teamProfile(seeded.get("profileAssessment"), seeded.get("profileAdmin"));
        profilePictures(seeded.get("profileAssessment"), seeded.get("profileAdmin"));
        organisationRollup();
        answerPage();
        export();
        restart(idleRss, idlePostgres);
        scheduleTick();

        Instant finished = Instant.now();
        report(started, finished);
    }

    // ------------------------------------------------------------------------------------------------ dataset

    private Map<String, String> seed() throws Exception {
        long begin = System.nanoTime();
        ScoringModel model = Database.model();
        Map<String, Object> dataset = new LinkedHashMap<>();
        for (String tenant : List.of(EXPORT_TENANT, ORG_TENANT, SUBMIT_TENANT)) {
            api.newTenant(tenant, platformAdmin);
        }
        long exportAnswers = database.closedRounds(EXPORT_TENANT, "Export team", settings.exportTeams(),
                settings.exportRounds(), settings.exportRespondents(), model);
        dataset.put("export", Settings.ordered("tenant", EXPORT_TENANT, "closedAssessments",
                settings.exportTeams() * settings.exportRounds(), "responses",
                settings.exportTeams() * settings.exportRounds() * settings.exportRespondents(), "answers", exportAnswers));
        log("seeded %s: %,d closed assessments, %,d answer rows (SQL)", EXPORT_TENANT,
                settings.exportTeams() * settings.exportRounds(), exportAnswers);
        long rollupAnswers = database.closedRounds(ORG_TENANT, "Org team", settings.rollupTeams(), 1,
                settings.rollupRespondents(), model);
        dataset.put("rollup", Settings.ordered("tenant", ORG_TENANT, "teams", settings.rollupTeams(), "respondents",
                settings.rollupTeams() * settings.rollupRespondents(), "answers", rollupAnswers));
        log("seeded %s: %d teams × %d respondents, %,d answer rows (SQL)", ORG_TENANT, settings.rollupTeams(),
                settings.rollupRespondents(), rollupAnswers);

        String admin = api.token("tenant-admin", SUBMIT_TENANT, "bench-admin");
        Map<String, String> seededIds = new LinkedHashMap<>();
        seededIds.put("profileAdmin", admin);
        seededIds.put("profileAssessment", profileRound(admin));

        long credentialsBegin = System.nanoTime();
        addCredentials(admin, settings.credentials());
        double credentialSeconds = (System.nanoTime() - credentialsBegin) / 1e9;
        log("seeded %,d respondent credentials (API: invitations and claims) in %.1f s", credentials.size(),
                credentialSeconds);

        String pgbenchTeam = api.newTeam(admin, "pgbench");
        String pgbenchAssessment = api.newAssessment(admin, pgbenchTeam, "pgbench");
        api.open(admin, pgbenchAssessment);
        database.pgbenchSeats(SUBMIT_TENANT, pgbenchTeam, pgbenchAssessment, PGBENCH_SEATS);
        this.pgbenchAssessment = pgbenchAssessment;
        database.analyze();
        dataset.put("submissions", Settings.ordered("tenant", SUBMIT_TENANT, "credentials", credentials.size(),
                "membersPerTeam", settings.membersPerTeam(), "pgbenchSeats", PGBENCH_SEATS,
                "credentialsSeconds", Load.round(credentialSeconds)));
        dataset.put("seedSeconds", Load.round((System.nanoTime() - begin) / 1e9));
        details.put("dataset", dataset);
        return seededIds;
    }

    /** A team of 12 members who answer with their own accounts; the round is closed (as TeamProfileBenchIT). */
    private String profileRound(String admin) {
        String team = api.newTeam(admin, "Profile team");
        String assessment = api.newAssessment(admin, team, "Profile round");
        api.open(admin, assessment);
        for (int i = 0; i < PROFILE_RESPONDENTS; i++) {
            api.newMember(admin, team, Map.of("externalId", "p" + i, "subject", "profile-" + i));
            api.submit(api.token("member", SUBMIT_TENANT, "profile-" + i), assessment, ServiceApi.answers(i));
        }
        api.close(admin, assessment);
        return assessment;
    }

    /**
     * Teams of {@code membersPerTeam} members (the members written by SQL), each with an open round (API) whose
     * members are all invited (API, codes returned) and claim their seats (API): real respondent credentials.
     */
    private void addCredentials(String admin, int wanted) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6, daemon("seed"));
        try {
            long begin = System.nanoTime();
            List<String> codes = invitedCodes(admin, wanted, pool);
            int teams = (wanted + settings.membersPerTeam() - 1) / settings.membersPerTeam();
            double invitedSeconds = (System.nanoTime() - begin) / 1e9;
            begin = System.nanoTime();
            Collections.shuffle(codes, new Random(credentials.size() + 15));
            List<Future<Credential>> claimed = new ArrayList<>();
            for (String code : codes) {
                String[] parts = code.split(" ");
                claimed.add(pool.submit(() -> new Credential(parts[0], api.claim(parts[1]))));
            }
            for (Future<Credential> future : claimed) {
                credentials.add(future.get());
            }
            double claimedSeconds = (System.nanoTime() - begin) / 1e9;
            log("seeding: %d teams with an open round, %,d invited (API) in %.1f s; %,d claims (API) in %.1f s, %.0f/s",
                    teams, codes.size(), invitedSeconds, codes.size(), claimedSeconds, codes.size() / claimedSeconds);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Teams of {@code membersPerTeam} members (the members written by SQL), each with an open round (API) whose
     * members are all invited (API, codes returned): "assessment code" for at least {@code wanted} seats.
     */
    private List<String> invitedCodes(String admin, int wanted, ExecutorService pool) throws Exception {
        int teams = (wanted + settings.membersPerTeam() - 1) / settings.membersPerTeam();
        List<Future<List<String>>> invited = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            invited.add(pool.submit(() -> {
                String team = api.newTeam(admin, "Team " + teamsCreated.incrementAndGet());
                database.members(SUBMIT_TENANT, team, settings.membersPerTeam());
                String assessment = api.newAssessment(admin, team, "Round");
                api.open(admin, assessment);
                List<String> codes = api.inviteAll(admin, assessment);
                return codes.stream().map(code -> assessment + " " + code).toList();
            }));
        }
        List<String> codes = new ArrayList<>();
        for (Future<List<String>> future : invited) {
            codes.addAll(future.get());
        }
        return codes;
    }

    /** Seeds more credentials (through the API, as before) when fewer than {@code needed} are left; then settles. */
    private void ensureCredentials(long needed) throws Exception {
        if (credentialsLeft() >= needed) {
            return;
        }
        long wanted = needed - credentialsLeft();
        log("(a) %,d credentials left, %,d needed: seeding %,d more", credentialsLeft(), needed, wanted);
        long begin = System.nanoTime();
        addCredentials(api.token("tenant-admin", SUBMIT_TENANT, "bench-admin"), (int) wanted);
        log("(a) seeded in %.1f s", (System.nanoTime() - begin) / 1e9);
        settle();
    }

    private int credentialsLeft() {
        return credentials.size() - nextCredential.get();
    }

    /** The next unused credential's first submission, or null when none is left. */
    private HttpRequest nextSubmission(long i) {
        int index = nextCredential.getAndIncrement();
        if (index >= credentials.size()) {
            return null;
        }
        Credential credential = credentials.get(index);
        return api.submission(credential.token(), credential.assessment(), ServiceApi.answers(index));
    }

    private String hrToken(String tenant) {
        return api.token("hr-analyst", tenant, "hr-" + subjects.incrementAndGet());
    }

    // ------------------------------------------------------------------------------------------------ warm-up

    private void warmUp(Map<String, String> seeded) throws Exception {
        long begin = System.nanoTime();
        Load load = new Load(client, Duration.ofSeconds(10));
        // The rounds were closed by SQL: the first export and the first rollup compute and store their final profiles.
        Download first = download(hrToken(EXPORT_TENANT), "application/x-ndjson", null);
        log("warm-up: first export (computes and stores %,d final profiles) %.1f s, %,d lines",
                settings.exportTeams() * settings.exportRounds(), first.seconds(), first.lines());
        details.put("firstExportSeconds", Load.round(first.seconds()));
        long rollupBegin = System.nanoTime();
        api.getJson("/api/v1/organization/profile", hrToken(ORG_TENANT));
        double firstRollup = (System.nanoTime() - rollupBegin) / 1e6;
        log("warm-up: first organisation rollup (stores %d final profiles) %.0f ms", settings.rollupTeams(), firstRollup);
        details.put("firstRollupMs", Load.round(firstRollup));
        download(hrToken(EXPORT_TENANT), "application/x-ndjson", null);
        String hr = hrToken(ORG_TENANT);
        for (int i = 0; i < 20; i++) {
            api.getJson("/api/v1/organization/profile", i % 10 == 0 ? (hr = hrToken(ORG_TENANT)) : hr);
        }
        HttpRequest profile = api.get("/api/v1/assessments/" + seeded.get("profileAssessment") + "/profile",
                seeded.get("profileAdmin"));
        log("warm-up: %s", load.closedLoop("team profile warm-up", 2, settings.warmUp().dividedBy(2), 200,
                i -> profile).summary());
        Load.Result submissions = load.closedLoop("submission warm-up", 4, settings.warmUp(), 201,
                this::nextSubmission);
        log("warm-up: %s", submissions.summary());
        details.put("warmUp", Settings.ordered("seconds", Load.round((System.nanoTime() - begin) / 1e9), "submissions",
                submissions.describe()));
    }

    private void settle() {
        log("settling for %d s", settings.settle().toSeconds());
        PackagedService.sleep(settings.settle().toMillis());
    }

    // ------------------------------------------------------------------------------------------------ (a)

    private void submissions() throws Exception {
        Load load = new Load(client, Duration.ofSeconds(10));
        List<Map<String, Object>> steps = new ArrayList<>();
        Load.Result best = null;
        Map<String, Object> bestCpu = Map.of();
        int flat = 0;
        long errors = 0;
        long peakRss;
        Load.Result half;
        try (ServiceProcess.RssSampler rss = service.new RssSampler(Duration.ofMillis(100))) {
            for (int concurrency : settings.saturationConcurrency()) {
                // Enough credentials for the step even if throughput doubled (a step stops early when they run out).
                if (best != null) {
                    ensureCredentials((long) Math.ceil(best.throughput() * 2 * settings.saturationStep().toSeconds()));
                }
                ServiceProcess.CpuTimes before = service.cpu();
                Load.Result step = load.closedLoop("submissions c=" + concurrency, concurrency,
                        settings.saturationStep(), 201, this::nextSubmission);
                Map<String, Object> cpu = service.cpu().perUnitSince(before, step.ok());
                log("(a) %s; CPU per submission %s", step.summary(), cpu);
                Map<String, Object> described = new LinkedHashMap<>(step.describe());
                described.put("cpuPerSubmission", cpu);
                steps.add(described);
                if (best == null || step.throughput() > best.throughput()) {
                    bestCpu = cpu;
                }
                errors += step.errors();
                boolean rose = best == null || step.throughput() >= best.throughput() * 1.05;
                if (best == null || step.throughput() > best.throughput()) {
                    best = step;
                }
                flat = rose ? 0 : flat + 1;
                // Two steps in a row without 5 % more than the best (one could be noise on a shared machine), or the
                // run broke down: the best so far is the maximum.
                if (flat >= 2 || step.errors() > 0 || step.exhausted()) {
                    break;
                }
            }
            double maxRate = best.throughput();
            double halfRate = maxRate / 2;
            ensureCredentials((long) Math.ceil(halfRate * settings.halfRate().toSeconds() * 1.05) + 50);
            half = load.fixedRate("submissions at half the maximum", halfRate, settings.halfRate(),
                    settings.maxInFlight(), 201, this::nextSubmission);
            log("(a) %s", half.summary());
            errors += half.errors();
            peakRss = rss.peak();
            details.put("rssPeakHalfRateMb", Load.round(mb(rss.peak())));
        }
        // pgbench, in the same run, on the same database, while the service idles.
        Path scripts = root.resolve("bench/pgbench");
        Pgbench.Result same = Pgbench.run(database, scripts.resolve("submission-same-sql.sql"),
                settings.pgbenchClients(), settings.pgbenchDuration(), pgbenchVariables(), null);
        log("(a) pgbench same SQL: %.0f TPS, %.2f ms average, %d failed", same.tps(), same.latencyAverageMs(),
                same.failed());
        // The database's own latency at the service's half rate: what is left of the service's tail once the SQL is
        // all there is (pgbench's client costs little CPU).
        Pgbench.Result sameAtHalf = Pgbench.run(database, scripts.resolve("submission-same-sql.sql"),
                settings.pgbenchClients(), settings.pgbenchDuration(), pgbenchVariables(), null, half.offeredRate());
        log("(a) pgbench same SQL at %.0f/s: p50 %.2f / p99 %.2f / p99.9 %.2f ms", sameAtHalf.rate(),
                sameAtHalf.percentileMs(50), sameAtHalf.percentileMs(99), sameAtHalf.percentileMs(99.9));
        Pgbench.Result minimal = Pgbench.run(database, scripts.resolve("submission-minimal-inserts.sql"),
                settings.pgbenchClients(), settings.pgbenchDuration(), pgbenchVariables(), SUBMIT_TENANT);
        log("(a) pgbench minimal INSERTs: %.0f TPS, %.2f ms average, %d failed", minimal.tps(),
                minimal.latencyAverageMs(), minimal.failed());

        double maxRate = best.throughput();
        double ratio = maxRate / same.tps();
        figures.add(new Figure("submissions.maxRate", "(a) submissions, maximum rate",
                String.format("%.0f/s (%d clients)", maxRate, best.concurrency()), "", null,
                "closed loop at rising concurrency, " + settings.saturationStep().toSeconds()
                        + " s each, until two steps gain < 5 %"));
        figures.add(new Figure("submissions.cpu", "(a) CPU per submission at the maximum",
                String.format("service %s / PostgreSQL %s / load driver %s ms; machine %s %% busy",
                        bestCpu.get("serviceMs"), bestCpu.get("postgresMs"), bestCpu.get("loadDriverMs"),
                        bestCpu.get("machineBusyPercent")), "", null,
                "utime + stime from /proc over the best step, divided by its submissions"));
        figures.add(new Figure("submissions.pgbenchSameSql", "(a) pgbench, same SQL",
                String.format("%.0f TPS (%d clients)", same.tps(), same.clients()), "", null,
                "bench/pgbench/submission-same-sql.sql"));
        figures.add(new Figure("submissions.ratioSameSql", "(a) service / pgbench same SQL",
                String.format("%.2f×", ratio), "≥ 0.5×", ratio >= 0.5, ""));
        figures.add(new Figure("submissions.pgbenchMinimal", "(a) pgbench, minimal INSERTs",
                String.format("%.0f TPS (%d clients)", minimal.tps(), minimal.clients()), "", null,
                "bench/pgbench/submission-minimal-inserts.sql"));
        figures.add(new Figure("submissions.ratioMinimal", "(a) service / pgbench minimal INSERTs",
                String.format("%.2f×", maxRate / minimal.tps()), "", null, ""));
        figures.add(new Figure("submissions.halfRate", String.format("(a) at half the maximum, %.0f/s for %d s",
                half.offeredRate(), settings.halfRate().toSeconds()),
                String.format("p50 %.1f / p99 %.1f / p99.9 %.1f ms", half.percentileMs(50), half.percentileMs(99),
                        half.percentileMs(99.9)),
                "p99 ≤ 25 ms", half.percentileMs(99) <= 25 && !half.exhausted(),
                "fixed rate, latency from the intended send time"));
        figures.add(new Figure("submissions.pgbenchHalfRate", String.format(
                "(a) pgbench same SQL at the same %.0f/s for %d s", sameAtHalf.rate(), settings.pgbenchDuration().toSeconds()),
                String.format("p50 %.1f / p99 %.1f / p99.9 %.1f ms", sameAtHalf.percentileMs(50),
                        sameAtHalf.percentileMs(99), sameAtHalf.percentileMs(99.9)), "", null,
                "pgbench -R -l: the database's own latency at the service's half rate"));
        figures.add(new Figure("submissions.errors", "(a) submission errors (all runs above)", String.valueOf(errors),
                "0", errors == 0, ""));
        figures.add(new Figure("memory.rssUnderLoad", "(e) RSS under submission load (peak)",
                String.format("%.0f MB", mb(peakRss)), "≤ 400 MB", mb(peakRss) <= 400,
                "VmRSS of the service's JVM every 100 ms during (a)"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("saturation", steps);
        a.put("maxRatePerSecond", Load.round(maxRate));
        a.put("cpuPerSubmissionAtMaximum", bestCpu);
        a.put("halfRate", half.describe());
        a.put("pgbenchSameSql", same.describe());
        a.put("pgbenchSameSqlAtHalfRate", sameAtHalf.describe());
        a.put("pgbenchMinimalInserts", minimal.describe());
        a.put("ratioSameSql", Load.round(ratio));
        a.put("ratioMinimalInserts", Load.round(maxRate / minimal.tps()));
        a.put("errors", errors);
        a.put("rssPeakMb", Load.round(mb(peakRss)));
        details.put("submissions", a);
    }

    /** The scripts' variables; the id prefix is the time (ms, hex), so every run writes new ids. */
    private Map<String, String> pgbenchVariables() {
        PackagedService.sleep(2);
        return Map.of("tenant", SUBMIT_TENANT, "seats", String.valueOf(PGBENCH_SEATS), "assessment",
                pgbenchAssessment, "prefix", String.format("%012x", System.currentTimeMillis()), "seq", "0");
    }

    // ------------------------------------------------------------------------------------------------ (b), (c)

    private void teamProfile(String assessment, String admin) {
        Load load = new Load(client, Duration.ofSeconds(10));
        HttpRequest profile = api.get("/api/v1/assessments/" + assessment + "/profile", admin);
        Load.Result result = load.fixedRate("team profile", settings.profileRate(), settings.profileDuration(),
                settings.maxInFlight(), 200, i -> profile);
        log("(b) %s", result.summary());
        figures.add(new Figure("teamProfile", String.format("(b) team profile, 12 respondents, %.0f/s",
                settings.profileRate()), String.format("p50 %.1f / p99 %.1f / p99.9 %.1f ms", result.percentileMs(50),
                        result.percentileMs(99), result.percentileMs(99.9)),
                "p99 ≤ 10 ms", result.percentileMs(99) <= 10 && result.errors() == 0,
                "fixed rate; target from the scoring issue"));
        details.put("teamProfile", result.describe());
    }

    /**
     * (b') The same stored profile drawn: the SVG radar and the printable HTML report (which adds the team's trend), each
     * at the profile's fixed rate after a short closed-loop warm-up of its own. Target p99 ≤ 15 ms (issue 25).
     */
    private void profilePictures(String assessment, String admin) throws InterruptedException {
        Load load = new Load(client, Duration.ofSeconds(10));
        HttpRequest json = api.get("/api/v1/assessments/" + assessment + "/profile", admin);
        for (String type : List.of("image/svg+xml", "text/html")) {
            HttpRequest picture = HttpRequest.newBuilder(json, (name, value) -> !name.equalsIgnoreCase("Accept"))
                    .header("Accept", type).build();
            String name = type.equals("text/html") ? "HTML report" : "SVG radar";
            log("warm-up: %s", load.closedLoop(name + " warm-up", 2, settings.warmUp().dividedBy(4), 200,
                    i -> picture).summary());
            Load.Result result = load.fixedRate("profile " + name, settings.profileRate(), settings.profileDuration(),
                    settings.maxInFlight(), 200, i -> picture);
            log("(b') %s", result.summary());
            String key = type.equals("text/html") ? "profileHtml" : "profileSvg";
            figures.add(new Figure(key, String.format("(b') profile as %s, 12 respondents, %.0f/s", name,
                    settings.profileRate()), String.format("p50 %.1f / p99 %.1f / p99.9 %.1f ms",
                            result.percentileMs(50), result.percentileMs(99), result.percentileMs(99.9)),
                    "p99 ≤ 15 ms", result.percentileMs(99) <= 15 && result.errors() == 0,
                    "fixed rate; Accept: " + type + "; target from issue 25"));
            details.put(key, result.describe());
        }
    }

    private void organisationRollup() {
        Load load = new Load(client, Duration.ofSeconds(30));
        long total = (long) Math.ceil(settings.rollupRate() * settings.rollupDuration().toSeconds()) + 1;
        // The HR routes allow 120 requests per caller and minute: each caller here makes at most 50.
        List<String> tokens = new ArrayList<>();
        for (long i = 0; i < Math.max(2, (total + 49) / 50); i++) {
            tokens.add(hrToken(ORG_TENANT));
        }
        Load.Result result = load.fixedRate("organisation rollup", settings.rollupRate(), settings.rollupDuration(),
                settings.maxInFlight(), 200,
                i -> api.get("/api/v1/organization/profile", tokens.get((int) (i % tokens.size()))));
        log("(c) %s", result.summary());
        figures.add(new Figure("organisationRollup", String.format("(c) organisation rollup, %,d respondents, %.0f/s",
                settings.rollupTeams() * settings.rollupRespondents(), settings.rollupRate()),
                String.format("p50 %.1f / p99 %.1f ms", result.percentileMs(50), result.percentileMs(99)),
                "p50 ≤ 50 ms", result.percentileMs(50) <= 50 && result.errors() == 0, "fixed rate"));
        details.put("organisationRollup", result.describe());
    }

    // ------------------------------------------------------------------------------------------------ (f), (g)

    /**
     * The answer page (issue 24): seats of their own (open rounds, every member invited through the API, every code
     * claimed through the page as a browser does), a warm-up of the three routes, a settle, then (f) and (g).
     */
    private void answerPage() throws Exception {
        String admin = api.token("tenant-admin", SUBMIT_TENANT, "bench-page-admin");
        AnswerPageBench page = new AnswerPageBench(client, api, settings, service, admin);
        long begin = System.nanoTime();
        List<String> invited;
        ExecutorService pool = Executors.newFixedThreadPool(6, daemon("seed"));
        try {
            invited = invitedCodes(admin, settings.pageSeats(), pool);
        } finally {
            pool.shutdown();
        }
        List<String[]> codes = invited.subList(0, settings.pageSeats()).stream().map(code -> code.split(" ")).toList();
        log("(f) %d open rounds, %,d members invited (API) in %.1f s", invited.size() / settings.membersPerTeam(),
                invited.size(), (System.nanoTime() - begin) / 1e9);
        Map<String, Object> setup = new LinkedHashMap<>(page.claimThroughPage(codes));
        database.analyze();
        setup.put("warmUp", page.warmUp());
        settle();
        page.measure(figures, details, setup);
    }

    // ------------------------------------------------------------------------------------------------ (d)

    record Download(long lines, long bytes, double firstByteMs, double seconds) {

        Map<String, Object> describe() {
            return Settings.ordered("lines", lines, "bytes", bytes, "timeToFirstByteMs", Load.round(firstByteMs), "seconds",
                    Load.round(seconds), "rowsPerSecond", Load.round(lines / seconds));
        }
    }

    /** Streams the export, counting lines and bytes; keeps nothing of the body. */
    private Download download(String token, String accept, Runnable onFirstByte) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/v1/scores/export"))
                .header("Authorization", "Bearer " + token).header("Accept", accept).timeout(Duration.ofMinutes(30))
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export: " + response.statusCode() + " "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long lines = 0;
        long bytes = 0;
        double firstByte = Double.NaN;
        try (InputStream body = response.body()) {
            int first = body.read();
            firstByte = (System.nanoTime() - start) / 1e6;
            if (onFirstByte != null) {
                onFirstByte.run();
            }
            if (first >= 0) {
                bytes = 1;
                lines = first == '\n' ? 1 : 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
        }
        return new Download(lines, bytes, firstByte, (System.nanoTime() - start) / 1e9);
    }

    private void export() throws Exception {
        long expected = (long) settings.exportTeams() * settings.exportRounds() * 8;
        Download ndjson = download(hrToken(EXPORT_TENANT), "application/x-ndjson", null);
        log("(d) export NDJSON: %,d lines, %.1f MB, first byte %.0f ms, %.2f s, %,.0f rows/s", ndjson.lines(),
                ndjson.bytes() / 1e6, ndjson.firstByteMs(), ndjson.seconds(), ndjson.lines() / ndjson.seconds());
        Download csv = download(hrToken(EXPORT_TENANT), "text/csv", null);
        log("(d) export CSV: %,d lines, %.1f MB, first byte %.0f ms, %.2f s", csv.lines(), csv.bytes() / 1e6,
                csv.firstByteMs(), csv.seconds());

        // Heap growth: a second NDJSON download while the service's live heap (after a full GC, over JMX) is sampled.
        long maxHeap = service.maxHeap();
        long baseline = service.liveHeap();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicInteger samples = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                try {
                    peak.accumulateAndGet(service.liveHeap(), Math::max);
                    samples.incrementAndGet();
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log("heap sampling failed: %s", e);
                    return;
                }
            }
        }, "heap-sampler");
        Download sampled = download(hrToken(EXPORT_TENANT), "application/x-ndjson", sampler::start);
        done.set(true);
        sampler.join();
        long growth = peak.get() - baseline;
        log("(d) export with heap sampling: %.2f s; live heap %.1f MB before, peak %.1f MB (%d samples): growth %.2f MB;"
                + " max heap %.0f MB", sampled.seconds(), mb(baseline), mb(peak.get()), samples.get(), mb(growth),
                mb(maxHeap));

        boolean complete = ndjson.lines() == expected;
        figures.add(new Figure("export.firstByte", String.format("(d) export %,d rows (NDJSON), time to first byte",
                ndjson.lines()), String.format("%.0f ms", ndjson.firstByteMs()), "", null, ""));
        figures.add(new Figure("export.total", "(d) export, total time and rows/s",
                String.format("%.2f s, %,.0f rows/s", ndjson.seconds(), ndjson.lines() / ndjson.seconds()),
                expected == 100_000 ? "≤ 2 s" : "≤ 2 s (at 100,000 rows)",
                expected == 100_000 ? complete && ndjson.seconds() <= 2 : null, complete ? "" : "row count wrong"));
        figures.add(new Figure("export.heapGrowth", "(d) export, live heap growth",
                String.format("%.1f MB (%d samples)", mb(growth), samples.get()), "≤ 32 MB",
                samples.get() >= 3 ? mb(growth) <= 32 : null, samples.get() >= 3
                        ? "full GC then heap used, every 250 ms, over JMX" : "too short a download to sample"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("expectedRows", expected);
        d.put("ndjson", ndjson.describe());
        d.put("csv", csv.describe());
        d.put("ndjsonSampled", sampled.describe());
        d.put("liveHeapBeforeMb", Load.round(mb(baseline)));
        d.put("liveHeapPeakMb", Load.round(mb(peak.get())));
        d.put("heapGrowthMb", Load.round(mb(growth)));
        d.put("heapSamples", samples.get());
        d.put("maxHeapMb", Load.round(mb(maxHeap)));
        details.put("export", d);
    }

    // ------------------------------------------------------------------------------------------------ (e)

    private void restart(long idleRss, long idlePostgres) throws Exception {
        service.stop();
        database.close();
        PackagedService.sleep(2_000);
        Duration ready = service.start("bench-restart");
        log("(e) start to ready on the existing data directory: %d ms", ready.toMillis());
        api.rebase(service.service().baseUri());
        api.getJson("/api/v1/organization/profile", hrToken(ORG_TENANT)); // it answers
        settle();
        long restartedRss = service.rss();
        String quarkusStarted = quarkusStartedLine(service.service().logFile());
        log("(e) RSS idle right after the restart: %.0f MB; %s", mb(restartedRss), quarkusStarted);
        figures.add(new Figure("start.ready", "(e) JVM start to ready, existing data directory",
                String.format("%.2f s", ready.toMillis() / 1000.0), "≤ 3 s", ready.toMillis() <= 3000,
                "process start to /q/health/ready 200, polled every 20 ms"));
        figures.add(new Figure("memory.rssIdle", "(e) RSS idle (after warm-up, settled)",
                String.format("%.0f MB", mb(idleRss)), "≤ 300 MB", mb(idleRss) <= 300,
                String.format("the JVM's VmRSS; its PostgreSQL apart: PSS %.0f MB", mb(idlePostgres))));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("startToReadyMs", ready.toMillis());
        e.put("quarkusLog", quarkusStarted);
        e.put("rssIdleAfterWarmUpMb", Load.round(mb(idleRss)));
        e.put("postgresPssIdleMb", Load.round(mb(idlePostgres)));
        e.put("rssIdleAfterRestartMb", Load.round(mb(restartedRss)));
        details.put("startAndMemory", e);
    }

    private static String quarkusStartedLine(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("started in")).findFirst().map(String::strip).orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------------ (h)

    /**
     * (h) The schedule tick (issue 25) over 10,000 due teams, and answering beside it: on a service of its own (e-mail
     * on, through a mail server in the harness; its tick every second) and a data directory of its own, so that the
     * other figures' service stays as the README runs it; in a full run that service is stopped first.
     */
    private void scheduleTick() throws Exception {
        if (service != null) {
            service.stop();
        }
        if (database != null) {
            database.close();
        }
        Path directory = settings.tickOnly() ? settings.dataDirectory()
                : settings.dataDirectory().resolveSibling(settings.dataDirectory().getFileName() + "-tick");
        deleteRecursively(directory);
        Files.createDirectories(directory);
        try (SmtpSink mail = new SmtpSink()) {
            int databasePort = PackagedService.freePort();
            service = new ServiceProcess(settings.javaOptions(), directory, databasePort);
            Duration ready = service.start("bench-tick", ScheduleTickBench.serviceSettings(mail));
            log("(h) service started (fresh data directory %s, e-mail to the harness's port %d, tick every second) in"
                    + " %d ms, pid %d", directory.getFileName(), mail.port(), ready.toMillis(),
                    service.pid());
            api = new ServiceApi(client, service.service().baseUri());
            database = new Database(databasePort, directory);
            platformAdmin = api.token("platform-admin", null, null);
            credentials.clear();
            nextCredential.set(0);
            ScheduleTickBench tick = new ScheduleTickBench(settings, database, service, mail);

            long begin = System.nanoTime();
            api.newTenant(SUBMIT_TENANT, platformAdmin);
            for (String tenant : tick.otherTenants()) {
                api.newTenant(tenant, platformAdmin);
            }
            api.newTenant(ScheduleTickBench.WARM_UP_TENANT, platformAdmin);
            long teams = tick.seedTeams(SUBMIT_TENANT);
            double seedSeconds = (System.nanoTime() - begin) / 1e9;
            log("(h) %d tenants (API), %,d teams of %d members with addresses (SQL) in %.1f s", settings.tickTenants(),
                    teams, settings.tickMembers(), seedSeconds);
            // Each submission spends a credential: the warm-up and both measured runs, with a margin.
            long needed = (long) Math.ceil(settings.tickRate()
                    * (settings.warmUp().toSeconds() + 2 * settings.tickSeconds().toSeconds()) * 1.1) + 50;
            addCredentials(api.token("tenant-admin", SUBMIT_TENANT, "bench-admin"), (int) needed);
            database.analyze();
            Load load = new Load(client, Duration.ofSeconds(10));
            log("(h) warm-up: %s", load.fixedRate("submission warm-up", settings.tickRate(), settings.warmUp(),
                    settings.maxInFlight(), 201, this::nextSubmission).summary());
            Map<String, Object> warmUp = tick.warmUp();
            details.put("scheduleTickDataset", Settings.ordered("tenants", settings.tickTenants(), "teams", teams,
                    "membersPerTeam", settings.tickMembers(), "credentials", credentials.size(), "seedSeconds",
                    Load.round(seedSeconds), "warmUpTick", warmUp));
            tick.measure(SUBMIT_TENANT, load, this::nextSubmission, figures, details);
        }
    }

    // ------------------------------------------------------------------------------------------------ report

    private void report(Instant started, Instant finished) throws Exception {
        String date = LocalDate.ofInstant(started, ZoneOffset.UTC).toString();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", date);
        results.put("startedAt", started.toString());
        results.put("finishedAt", finished.toString());
        results.put("minutes", Load.round(Duration.between(started, finished).toSeconds() / 60.0));
        results.put("commit", git("rev-parse", "HEAD"));
        results.put("uncommittedChanges", !git("status", "--porcelain", "--untracked-files=no").isEmpty());
        Map<String, Object> machine = machine();
        machine.put("loadAverageAtStart", loadAverageAtStart);
        results.put("machine", machine);
        results.put("settings", settings.describe());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure figure : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", figure.key());
            row.put("figure", figure.figure());
            row.put("value", figure.value());
            row.put("target", figure.target());
            row.put("met", figure.met());
            row.put("how", figure.how());
            rows.add(row);
        }
        results.put("figures", rows);
        results.put("details", details);
        Path directory = root.resolve("bench/results");
        Files.createDirectories(directory);
        Path file = directory.resolve(date + (settings.figures().equals("all") ? "" : "-" + settings.figures())
                + (settings.quick() ? "-quick" : "")
                + ".json");
        ServiceApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        System.out.println();
        System.out.println(table());
        System.out.printf("Load average at start %s, at end %s (%d cores).%n", loadAverageAtStart, loadAverage(),
                Runtime.getRuntime().availableProcessors());
        String only = settings.pageOnly() ? " of the answer page's figures only (BENCH_FIGURES=page)"
                : settings.tickOnly() ? " of the schedule tick's figures only (BENCH_FIGURES=tick)" : "";
        System.out.printf("%s; %.1f minutes; results in %s%n", settings.quick() ? "QUICK run" + only
                + " (BENCH_QUICK=1): shorter runs and a smaller dataset, not for the README" : "full run" + only,
                Duration.between(started, finished).toSeconds() / 60.0, root.relativize(file));
    }

    private String table() {
        String[] headers = {"Figure", "Value", "Target", "Met"};
        List<String[]> rows = new ArrayList<>();
        for (Figure figure : figures) {
            rows.add(new String[] {figure.figure(), figure.value(), figure.target(),
                    figure.met() == null ? "" : figure.met() ? "yes" : "NO"});
        }
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, headers, widths);
        String[] rule = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        appendRow(out, rule, widths);
        rows.forEach(row -> appendRow(out, row, widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        out.append('\n');
    }

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("loadAverageAtEnd", loadAverage());
        try {
            machine.put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        } catch (Exception ignored) {
            // not Linux
        }
        return machine;
    }

    /** 1, 5 and 15 minutes, from /proc/loadavg (the harness's figures are only as good as the machine is quiet). */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "";
        }
    }

    private String git(String... arguments) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? out : "";
        } catch (Exception e) {
            return "";
        }
    }

    private void shutdown() {
        if (service != null) {
            service.close();
        }
        try {
            if (database != null) {
                database.close();
            }
        } catch (Exception ignored) {
            // the server is gone
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss");

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    static void log(String format, Object... arguments) {
        System.out.printf("[bench %s] %s%n", java.time.LocalTime.now().format(CLOCK),
                arguments.length == 0 ? format : String.format(format, arguments));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void deleteRecursively(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
