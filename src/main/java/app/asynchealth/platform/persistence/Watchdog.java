package app.asynchealth.platform.persistence;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Restarts the embedded server when its postmaster is gone (killed, crashed, OOM): same port, same data directory, so
 * the service's pool reconnects by itself. Readiness is down meanwhile.
 */
final class Watchdog {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final EmbeddedDatabase database;
    private final Thread thread;

    Watchdog(EmbeddedDatabase database) {
        this.database = database;
        this.thread = new Thread(this::watch, "embedded-postgres-watchdog");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        thread.interrupt();
    }

    private void watch() {
        while (!database.closing()) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (database.closing() || Postmasters.isAlive(database.postmasterPid())) {
                continue;
            }
            database.markDown();
            LOG.warnf("The embedded PostgreSQL (pid %d) is gone; restarting it on port %d (the library's \"Could not "
                    + "stop postmaster\" error that follows is expected: there is nothing left to stop)",
                    database.postmasterPid(), database.port());
            restart();
        }
    }

    private void restart() {
        database.releaseLibraryInstance();
        while (!database.closing()) {
            try {
                awaitLeftoversGone();
                if (!database.startAgainUnlessClosing()) {
                    return;
                }
                LOG.warnf("The embedded PostgreSQL is back (pid %d, port %d)", database.postmasterPid(),
                        database.port());
                return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Restarting the embedded PostgreSQL failed, trying again: %s", e.getMessage());
                database.releaseLibraryInstance();
                // A start that failed inside the library leaves its lock on the data directory with an instance we
                // never got; the lock's file is closed, and the lock released, when that instance is collected.
                System.gc();
                try {
                    Thread.sleep(RESTART_BACKOFF.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Backends of a killed postmaster notice its death and exit, normally within milliseconds; while one is left it
     * holds the old shared memory and PostgreSQL refuses to start. Wait for them, and end those that linger: their
     * postmaster is gone, so crash recovery replays what they committed.
     */
    private void awaitLeftoversGone() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> leftovers = Postmasters.leftoverProcesses(database.dataDirectory());
            if (leftovers.isEmpty()) {
                return;
            }
            if (i == 50) {
                LOG.warnf("Ending %d processes the killed PostgreSQL left in %s", leftovers.size(),
                        database.dataDirectory());
                leftovers.forEach(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(100);
        }
    }
}
