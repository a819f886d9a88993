package app.asynchealth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import app.asynchealth.platform.LocalInstallation;

/**
 * Two replicas of the packaged service on one PostgreSQL, shared by the integration tests that need two (webhooks
 * dispatched once, limits shared, scheduled rounds created once), so that the suite starts the pair once. They start
 * together on a database no migration has run on yet: both migrate at once, as replicas of a new deployment do. Both
 * mail through one test mail server ({@link #mail}) and run the schedules' tick every second.
 */
public final class ReplicaPair {

    /** The HR rate limit of the pair: small, so that tests can spend it. */
    public static final int HR_REQUESTS = 12;
    public static final int EXPORTS_PER_TENANT = 1;

    private static ReplicaPair started;

    public final LocalInstallation database;
    public final PackagedService first;
    public final PackagedService second;
    /** The SMTP server both replicas send their mail to (read it with {@link Mailbox}). */
    public final GreenMail mail;

    private ReplicaPair(LocalInstallation database, PackagedService first, PackagedService second, GreenMail mail) {
        this.database = database;
        this.first = first;
        this.second = second;
        this.mail = mail;
    }

    /** The pair, started on first use and stopped when the test JVM exits. */
    public static synchronized ReplicaPair get() {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return started;
    }

    private static ReplicaPair start() {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("async-health-replicas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalInstallation database = LocalInstallation.start(dataDirectory, 0);
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        // Through a relay that holds the greeting back (see GreetingDelay); it lives as long as the test JVM.
        GreetingDelay relay = GreetingDelay.onAFreePort(mail.getSmtp().getPort());
        Map<String, String> config = new HashMap<>(database.configuration());
        config.put("async-health.invitations.email", "true");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(relay.port()));
        config.put("quarkus.mailer.from", "async-health@test.invalid");
        // Both replicas tick on their own, often and soon after start, so that a test sees them compete without waiting.
        config.put("async-health.schedules.tick", "1s");
        config.put("async-health.schedules.first-delay", "1s");
        config.put("async-health.webhooks.allowed-destinations", "127.0.0.1");
        config.put("async-health.webhooks.allow-http", "true");
        config.put("async-health.webhooks.poll-interval", "1s");
        // Two deliveries per replica and tick: no replica can drain a burst alone, so both must take part.
        config.put("async-health.webhooks.batch-size", "2");
        config.put("async-health.webhooks.retry.initial-interval", "1s");
        config.put("async-health.webhooks.retry.max-interval", "2s");
        config.put("async-health.rate-limit.hr.requests", Integer.toString(HR_REQUESTS));
        config.put("async-health.rate-limit.hr.period", "1h");
        config.put("async-health.export.max-concurrent-per-tenant", Integer.toString(EXPORTS_PER_TENANT));
        // Started at the same moment, each migrating the same empty schema.
        CompletableFuture<PackagedService> first = CompletableFuture.supplyAsync(() -> PackagedService.start("replica-a", config));
        CompletableFuture<PackagedService> second = CompletableFuture.supplyAsync(() -> PackagedService.start("replica-b", config));
        try {
            return new ReplicaPair(database, first.join(), second.join(), mail);
        } catch (RuntimeException e) {
            first.thenAccept(PackagedService::close);
            second.thenAccept(PackagedService::close);
            database.close();
            mail.stop();
            throw e;
        }
    }

    private void close() {
        for (AutoCloseable closeable : new AutoCloseable[] { first, second, database, mail::stop }) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort at exit
            }
        }
    }
}
