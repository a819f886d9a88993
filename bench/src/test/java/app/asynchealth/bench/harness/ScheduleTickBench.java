package app.asynchealth.bench.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.asynchealth.bench.harness.ServiceBenchmark.Figure;
import app.asynchealth.support.PackagedService;

/**
 * The schedule tick's figures (issue 25, "Speed"), (h): one tick over {@code tickTenants × tickTeams} teams whose
 * schedules are all due at the same instant (every team chose the same start, the worst case), run by the packaged
 * service's own {@code @Scheduled} tick, with invitation mail going to a mail server in the harness ({@link SmtpSink});
 * and the
 * answering beside it, submissions at a fixed rate just before the tick and during it.
 *
 * <p>The teams, their members (each with an e-mail address) and their schedules are written by SQL, as the API writes
 * them (V17: a weekly schedule, 09:00-style whole minute in UTC, answered for 3 days, reminded 1 day before closing,
 * {@code next_round_at} the first occurrence, as {@code TeamSchedule.planNext} sets it). Their start is the next whole
 * minute that leaves time for a settle and the baseline run before it.
 *
 * <p>What "one tick" covers: the tick first creates every due round of every tenant (each round open, its reminder
 * planned, the schedule's next round planned), then mails the invitations, then sends reminders, and logs one line with
 * the three durations. The figure against the target is the rounds' part: from the tick's start until every round is
 * created and open, which is what the schedule promises at the start time. The invitations follow in the same tick and
 * are reported beside it (they are bound by the mail server, here one SMTP connection per mail).
 */
final class ScheduleTickBench {

    static final String OTHER_TENANTS = "bench-tick-";
    static final String WARM_UP_TENANT = "bench-warm-tick";
    static final String TEAM_NAME = "Scheduled team ";
    private static final Pattern TICK_LINE = Pattern.compile("Schedule tick: (\\d+) rounds created, (\\d+) invitations,"
            + " (\\d+) reminders in (\\d+) ms \\(rounds (\\d+) ms, invitations (\\d+) ms, reminders (\\d+) ms;"
            + " (\\d+) tenants due\\)");
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm");

    /** What the service's log says one tick did. */
    record Tick(int rounds, int invitations, int reminders, long totalMs, long roundsMs, long invitationsMs,
            long remindersMs, int tenants) {

        Map<String, Object> describe() {
            return Settings.ordered("rounds", rounds, "invitations", invitations, "reminders", reminders, "totalMs",
                    totalMs, "roundsMs", roundsMs, "invitationsMs", invitationsMs, "remindersMs", remindersMs,
                    "tenantsDue", tenants);
        }
    }

    private final Settings settings;
    private final Database database;
    private final ServiceProcess service;
    private final SmtpSink mail;

    ScheduleTickBench(Settings settings, Database database, ServiceProcess service, SmtpSink mail) {
        this.settings = settings;
        this.database = database;
        this.service = service;
        this.mail = mail;
    }

    /** The service's settings for these figures: e-mail on, through the harness's server, and its tick every second. */
    static Map<String, String> serviceSettings(SmtpSink mail) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("async-health.invitations.email", "true");
        settings.put("quarkus.mailer.host", "127.0.0.1");
        settings.put("quarkus.mailer.port", Integer.toString(mail.port()));
        settings.put("quarkus.mailer.from", "async-health@bench.example.com");
        // Every second (the default is a minute), so that the tick that finds the rounds due starts within a second
        // of their start and the answering runs can be placed around it.
        settings.put("async-health.schedules.tick", "1s");
        settings.put("async-health.schedules.first-delay", "1s");
        return settings;
    }

    /** The tenants besides {@code submitTenant}, which holds the answering credentials and its share of the teams. */
    List<String> otherTenants() {
        List<String> tenants = new ArrayList<>();
        for (int i = 1; i < settings.tickTenants(); i++) {
            tenants.add(String.format("%s%03d", OTHER_TENANTS, i));
        }
        return tenants;
    }

    /** {@code tickTeams} teams in each tick tenant, {@code tickMembers} members each, every one with an address. */
    long seedTeams(String submitTenant) throws SQLException {
        long teams = teams(submitTenant, OTHER_TENANTS + "%", settings.tickTeams());
        members(submitTenant, OTHER_TENANTS + "%");
        return teams;
    }

    private long teams(String tenant, String pattern, int perTenant) throws SQLException {
        return database.update("""
                INSERT INTO team (tenant_id, id, name, created_at, updated_at, version)
                SELECT t.id, gen_random_uuid(), ? || g, now(), now(), 0
                FROM tenant t, generate_series(1, ?) g WHERE t.id = ? OR t.id LIKE ?""", TEAM_NAME, perTenant, tenant,
                pattern);
    }

    private long members(String tenant, String pattern) throws SQLException {
        return database.update("""
                INSERT INTO team_member (tenant_id, id, team_id, email, role, created_at, updated_at, version)
                SELECT tm.tenant_id, gen_random_uuid(), tm.id,
                    'member' || g || '.' || replace(tm.id::text, '-', '') || '@bench.example.com', 'MEMBER',
                    now(), now(), 0
                FROM team tm, generate_series(1, ?) g
                WHERE (tm.tenant_id = ? OR tm.tenant_id LIKE ?) AND tm.name LIKE ? || '%'""", settings.tickMembers(),
                tenant, pattern, TEAM_NAME);
    }

    /**
     * Each scheduled team's schedule, as a PUT of {@code startsOn} = the start's date, {@code timeOfDay} = its time
     * (UTC), weekly, {@code answerWindow} P3D, {@code reminders} [P1D] before the start would store it.
     */
    private int schedules(String tenant, String pattern, Instant start) throws SQLException {
        OffsetDateTime at = start.atOffset(ZoneOffset.UTC);
        return database.update("""
                INSERT INTO team_schedule (tenant_id, id, team_id, title, cadence, interval_weeks, starts_on,
                    time_of_day, time_zone, answer_window, template_key, template_version, delivery, reminder_offsets,
                    paused, next_round_at, created_at, updated_at, version)
                SELECT tenant_id, gen_random_uuid(), id, NULL, 'WEEKLY', 1, ?::date, ?::time, 'UTC', 'P3D',
                    'async-health', 1, 'EMAIL', ARRAY['P1D'], false, ?, now(), now(), 0
                FROM team WHERE (tenant_id = ? OR tenant_id LIKE ?) AND name LIKE ? || '%'""",
                at.toLocalDate().toString(), at.format(TIME_OF_DAY), at, tenant, pattern, TEAM_NAME);
    }

    /**
     * A small tick first (one tenant of 100 teams, due this minute, after downtime over its start as it were), so that
     * the measured tick runs in a service that has run one before, as a service that ticks every minute has.
     */
    Map<String, Object> warmUp() throws Exception {
        long begin = System.nanoTime();
        int teams = (int) teams(WARM_UP_TENANT, WARM_UP_TENANT, 100);
        members(WARM_UP_TENANT, WARM_UP_TENANT);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        schedules(WARM_UP_TENANT, WARM_UP_TENANT, start);
        Duration waited = awaitInvited("tenant_id = ?", WARM_UP_TENANT, teams, Duration.ofMinutes(5));
        ServiceBenchmark.log("(h) warm-up tick: %d rounds created and invited in %.1f s", teams, waited.toMillis() / 1e3);
        return Settings.ordered("teams", teams, "seconds", Load.round((System.nanoTime() - begin) / 1e9));
    }

    /** Waits until the rounds that match ({@code where}, one parameter) are all created and invited; @return how long. */
    private Duration awaitInvited(String where, Object parameter, long rounds, Duration timeout) throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        while (true) {
            long created = database.count("SELECT count(*) FROM schedule_round WHERE " + where, parameter);
            long uninvited = database.count(
                    "SELECT count(*) FROM schedule_round WHERE invited_at IS NULL AND " + where, parameter);
            if (created >= rounds && uninvited == 0) {
                return Duration.ofNanos(System.nanoTime() - begin);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format("after %s: %d of %d rounds created, %d not invited",
                        timeout, created, rounds, uninvited));
            }
            PackagedService.sleep(250);
        }
    }

    /**
     * Makes every scheduled team due at the next whole minute that leaves time for a settle and the baseline, runs the
     * baseline just before it, the same load from a second before it, and waits for the tick to finish.
     */
    void measure(String submitTenant, Load load, LongFunction<HttpRequest> submissions,
            List<Figure> figures, Map<String, Object> details) throws Exception {
        Duration window = settings.tickSeconds();
        Instant earliest = Instant.now().plus(settings.settle()).plus(window).plusSeconds(20);
        Instant due = earliest.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        int scheduled = schedules(submitTenant, OTHER_TENANTS + "%", due);
        database.analyze();
        ServiceBenchmark.log("(h) %,d schedules due at %s (%d members each)", scheduled, due, settings.tickMembers());
        long mailsBefore = mail.invitations();
        long logOffset = service.service().logFile().toFile().length();

        // Baseline: the same load, ending two seconds before the start.
        sleepUntil(due.minus(window).minusSeconds(3));
        Load.Result without = load.fixedRate("submissions without a tick", settings.tickRate(), window,
                settings.maxInFlight(), 201, submissions);
        ServiceBenchmark.log("(h) %s", without.summary());

        sleepUntil(due.minusSeconds(1));
        Load.Result during;
        LockSampler locks = new LockSampler(database, Duration.ofMillis(50));
        try {
            during = load.fixedRate("submissions during the tick", settings.tickRate(), window,
                    settings.maxInFlight(), 201, submissions);
        } finally {
            locks.close();
        }
        ServiceBenchmark.log("(h) %s", during.summary());
        ServiceBenchmark.log("(h) lock waits while answering beside the tick: %d of %d samples %s", locks.waiting(),
                locks.samples(), locks.statements());

        long expectedRounds = scheduled;
        Duration waited;
        try {
            waited = awaitInvited("starts_at = ?", due.atOffset(ZoneOffset.UTC), expectedRounds,
                    settings.tickTimeout());
        } catch (IllegalStateException e) {
            // Reported as incomplete below, with whatever the tick did until then.
            ServiceBenchmark.log("(h) the tick did not finish: %s", e.getMessage());
            waited = settings.tickTimeout();
        }
        // The tick logs its line after its last transaction committed: wait for it a little beyond the database.
        List<Tick> ticks = ticks(service.service().logFile(), logOffset);
        long logDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ticks.stream().noneMatch(tick -> tick.rounds() >= expectedRounds) && System.nanoTime() < logDeadline) {
            Thread.sleep(200);
            ticks = ticks(service.service().logFile(), logOffset);
        }
        ServiceBenchmark.log("(h) the tick's log: %s", ticks);
        long rounds = database.count("SELECT count(*) FROM schedule_round WHERE starts_at = ?",
                due.atOffset(ZoneOffset.UTC));
        long invitations = database.count("""
                SELECT count(*) FROM invitation i JOIN schedule_round r
                  ON r.tenant_id = i.tenant_id AND r.assessment_id = i.assessment_id WHERE r.starts_at = ?""",
                due.atOffset(ZoneOffset.UTC));
        long mails = mail.invitations() - mailsBefore;
        List<Object> spread = spread(due);
        long expectedMails = expectedRounds * settings.tickMembers();

        Tick first = ticks.isEmpty() ? null : ticks.get(0);
        boolean complete = rounds == expectedRounds && invitations == expectedMails && mails == expectedMails
                && mail.recipientsInvitedTwice() == 0;
        boolean oneTick = first != null && first.rounds() == expectedRounds;
        String how = String.format("%d tenants × %d teams × %d members, all due at one minute; the service's own"
                + " @Scheduled tick (every 1 s); rounds phase from its log line", settings.tickTenants(),
                settings.tickTeams(), settings.tickMembers());
        figures.add(new Figure("tick.rounds", String.format("(h) schedule tick: %,d rounds created", expectedRounds),
                first == null ? "no tick logged" : String.format("%.2f s (first created %s s, last %s s after due)",
                        first.roundsMs() / 1e3, spread.get(0), spread.get(1)),
                expectedRounds == 10_000 ? "≤ 5 s" : "≤ 5 s (at 10,000 teams)",
                first == null || expectedRounds != 10_000 ? null : complete && oneTick && first.roundsMs() <= 5_000,
                complete && oneTick ? how : how + "; INCOMPLETE: " + rounds + " rounds, " + invitations
                        + " invitations, " + mails + " mails, " + ticks.size() + " ticks"));
        figures.add(new Figure("tick.invitations", String.format("(h) the same tick: %,d invitation mails",
                expectedMails), first == null ? "" : String.format("%.1f s, %,.0f mails/s", first.invitationsMs() / 1e3,
                        first.invitations() * 1e3 / Math.max(1, first.invitationsMs())), "", null,
                "after every round is created; one SMTP connection per mail (quarkus.mailer.keep-alive=false), to a"
                        + " mail server in the harness (SmtpSink)"));
        figures.add(new Figure("tick.whole", "(h) the whole tick (rounds, invitations, reminders)",
                first == null ? "" : String.format("%.1f s", first.totalMs() / 1e3), "", null,
                ticks.size() + " tick(s) did work until every round was invited"));
        double ratio = during.percentileMs(99) / without.percentileMs(99);
        long errors = without.errors() + during.errors();
        figures.add(new Figure("tick.answering", String.format(
                "(h) submissions at %.0f/s, %d s without → during the tick, p50 / p99", settings.tickRate(),
                window.toSeconds()), String.format("%.1f / %.1f → %.1f / %.1f ms: p99 %.2f×", without.percentileMs(50),
                        without.percentileMs(99), during.percentileMs(50), during.percentileMs(99), ratio),
                "", null, String.format(
                        "fixed rate; the second run from 1 s before the start, over the rounds phase (%s s)%s;"
                        + " the target is the next row's (no lock delays answering): on 2 cores the tick's CPU"
                        + " beside the submissions shows here",
                        first == null ? "?" : String.format("%.1f", first.roundsMs() / 1e3),
                        first != null && first.roundsMs() > window.toMillis() - 1_000 ? " (longer than the run)"
                                : " and the invitations' first seconds")));
        figures.add(new Figure("tick.lockWaits", "(h) statements waiting on a lock during that run",
                String.format("%d of %d samples", locks.waiting(), locks.samples()), "0", locks.waiting() == 0,
                "pg_stat_activity every 50 ms: any backend of the service's database with wait_event_type Lock"));
        figures.add(new Figure("tick.errors", "(h) submission errors, both runs", String.valueOf(errors), "0",
                errors == 0, ""));

        Map<String, Object> h = new LinkedHashMap<>();
        h.put("due", due.toString());
        h.put("teams", expectedRounds);
        h.put("membersPerTeam", settings.tickMembers());
        h.put("roundsCreated", rounds);
        h.put("invitations", invitations);
        h.put("invitationMailsReceived", mails);
        h.put("recipientsInvitedTwice", mail.recipientsInvitedTwice());
        h.put("roundsCreatedAtAfterDueSeconds", Settings.ordered("first", spread.get(0), "last", spread.get(1)));
        h.put("secondsUntilAllInvitedAfterTheRuns", Load.round(waited.toMillis() / 1e3));
        h.put("ticks", ticks.stream().map(Tick::describe).toList());
        h.put("withoutTick", without.describe());
        h.put("duringTick", during.describe());
        h.put("p99Ratio", Load.round(ratio));
        h.put("lockSamples", locks.samples());
        h.put("lockWaits", locks.waiting());
        h.put("lockWaitStatements", locks.statements());
        details.put("scheduleTick", h);
    }

    /** Seconds after the start at which the first and the last round's transaction began (created_at = now()). */
    private List<Object> spread(Instant due) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement("""
                SELECT extract(epoch FROM min(created_at) - ?), extract(epoch FROM max(created_at) - ?)
                FROM schedule_round WHERE starts_at = ?""")) {
            OffsetDateTime at = due.atOffset(ZoneOffset.UTC);
            query.setObject(1, at);
            query.setObject(2, at);
            query.setObject(3, at);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(Load.round(row.getDouble(1)), Load.round(row.getDouble(2)));
            }
        }
    }

    /** The tick lines the service logged after {@code offset} (bytes into its log). */
    static List<Tick> ticks(Path log, long offset) throws IOException {
        List<Tick> ticks = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] rest = new byte[(int) (file.length() - offset)];
            file.readFully(rest);
            Matcher matcher = TICK_LINE.matcher(new String(rest, StandardCharsets.UTF_8));
            while (matcher.find()) {
                ticks.add(new Tick(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)), Long.parseLong(matcher.group(4)),
                        Long.parseLong(matcher.group(5)), Long.parseLong(matcher.group(6)),
                        Long.parseLong(matcher.group(7)), Integer.parseInt(matcher.group(8))));
            }
        }
        return ticks;
    }

    private static void sleepUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            PackagedService.sleep(millis);
        } else if (millis < -1_000) {
            ServiceBenchmark.log("(h) %.1f s late for a step planned at %s", -millis / 1e3, instant);
        }
    }

    /**
     * Samples pg_stat_activity on a connection of its own until closed: how many samples found a backend of the
     * database waiting on a lock (a row, a tuple, a transaction id, a relation, an advisory lock), and which
     * statements waited (their text has parameters as $n: no values).
     */
    static final class LockSampler implements AutoCloseable {
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicLong samples = new AtomicLong();
        private final AtomicLong waiting = new AtomicLong();
        private final Map<String, Long> statements = new ConcurrentHashMap<>();
        private final Thread thread;

        LockSampler(Database database, Duration interval) throws SQLException {
            Connection connection = database.connect();
            thread = new Thread(() -> {
                try (connection; PreparedStatement query = connection.prepareStatement("""
                        SELECT wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 120) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'""")) {
                    while (!done.get()) {
                        boolean any = false;
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                any = true;
                                statements.merge(rows.getString(1) + ": " + rows.getString(2), 1L, Long::sum);
                            }
                        }
                        samples.incrementAndGet();
                        if (any) {
                            waiting.incrementAndGet();
                        }
                        Thread.sleep(interval.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (SQLException e) {
                    ServiceBenchmark.log("(h) lock sampling stopped: %s", e);
                }
            }, "lock-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long samples() {
            return samples.get();
        }

        long waiting() {
            return waiting.get();
        }

        Map<String, Long> statements() {
            return new LinkedHashMap<>(statements);
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            thread.join();
        }
    }
}
