package app.asynchealth.platform.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * PostgreSQL server processes of a data directory, seen from outside: the postmaster's pid and whether it lives, the
 * processes left working in the directory, and a postmaster orphaned by a killed JVM, which is stopped.
 */
public final class Postmasters {

    private static final Logger LOG = Logger.getLogger(Postmasters.class);

    /** The library's lock on a data directory (see {@link #ownerIsGone}). */
    private static final String LIBRARY_LOCK_FILE = "epg-lock";
    /** Data directories whose server this JVM runs. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private Postmasters() {
    }

    /** Marks the data directory's server as this JVM's own (true), or no longer (false). */
    static void runHere(Path dataDirectory, boolean running) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        if (running) {
            IN_USE.add(directory);
        } else {
            IN_USE.remove(directory);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running (pg_ctl detaches it). Started on such a data directory,
     * the library would quietly connect to that orphan, which runs with whatever settings and password it was started
     * with: stop it (fast shutdown, so that it finishes its WAL cleanly) and start afresh.
     */
    public static void stopOrphaned(Path dataDirectory) throws IOException {
        OptionalLong pid = readPid(dataDirectory);
        if (pid.isEmpty() || !isAlive(pid.getAsLong())) {
            return; // none, or a stale file that PostgreSQL itself clears on start
        }
        if (!ownerIsGone(dataDirectory)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + dataDirectory + " (pid " + pid.getAsLong()
                    + ") belongs to a service that is still running; stop it first, or give this one another "
                    + "async-health.data-dir");
        }
        LOG.warnf("An embedded PostgreSQL (pid %d) left running by an earlier run still serves %s: stopping it "
                + "(fast shutdown) to start it afresh", pid.getAsLong(), dataDirectory);
        Process stop = new ProcessBuilder(PostgresBinaries.command("pg_ctl", "stop", "-D", dataDirectory.toString(),
                "-m", "fast", "-w",
                "-t", "60")).redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ProcessHandle orphan = ProcessHandle.of(pid.getAsLong()).orElse(null);
        try {
            stop.waitFor(70, TimeUnit.SECONDS);
            if (orphan != null && isAlive(orphan.pid())) {
                LOG.warnf("pg_ctl did not stop the orphaned PostgreSQL (%s); terminating it", output.strip());
                orphan.destroy();
                for (int i = 0; i < 600 && isAlive(orphan.pid()); i++) {
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the orphaned PostgreSQL (pid " + pid.getAsLong() + ") of "
                    + dataDirectory + ": " + output, e);
        }
    }

    /**
     * The library holds a file lock on the data directory for as long as its JVM lives; the operating system drops it
     * when that JVM dies. Lockable means that nobody alive owns the postmaster.
     */
    private static boolean ownerIsGone(Path dataDirectory) throws IOException {
        if (IN_USE.contains(dataDirectory.toAbsolutePath().normalize())) {
            return false; // ours, in this JVM: not probed by a channel, whose close would drop this JVM's lock
        }
        Path lockFile = dataDirectory.resolve(LIBRARY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        }
    }

    public static OptionalLong readPid(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Alive and a postgres binary: a pid reused by another program must not be mistaken for (or stopped as) ours, and
     * an exited one that nobody reaped yet (a zombie, with no command any more) is gone.
     */
    public static boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().command()).map(command -> command.endsWith("/postgres"))
                .orElse(false);
    }

    /** PostgreSQL processes working in this data directory (a postgres process's working directory is its data). */
    public static List<ProcessHandle> leftoverProcesses(Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .filter(process -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(process.pid()), "cwd"))
                                .normalize().equals(data);
                    } catch (IOException | UnsupportedOperationException | SecurityException e) {
                        return false; // gone meanwhile, or not ours to inspect
                    }
                }).toList();
    }
}
