package app.asynchealth.platform;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@code LocalInstallationTest}: waits for "go" on stdin, starts a local installation on the data
 * directory given, says READY (with its database's port) or REFUSED (with the message), and stops at the end of stdin.
 */
public final class StartOnDataDirectory {

    private StartOnDataDirectory() {
    }

    public static void main(String... args) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("WAITING");
        System.out.flush();
        input.readLine();
        LocalInstallation local;
        try {
            local = LocalInstallation.start(Path.of(args[0]), 0);
        } catch (RuntimeException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.out.flush();
            return;
        }
        try (local) {
            System.out.println("READY " + local.database().port());
            System.out.flush();
            input.readLine();
        }
    }
}
