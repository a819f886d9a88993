package app.asynchealth.platform.persistence;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The embedded server's port: its default, and a check before the start that says what holds a taken one. */
public final class EmbeddedPort {

    /**
     * Below 32768, so outside the ranges operating systems take the local ports of outgoing connections from (Linux
     * 32768-60999, Windows and macOS 49152-65535): no client connection can be holding it.
     */
    public static final int DEFAULT = 25329;

    private static final Path LINUX_EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int PROBE_TIMEOUT_MILLIS = 1000;

    private EmbeddedPort() {
    }

    /**
     * Another server on the port would otherwise be found only after the library's minute of waiting, and then as a
     * refused password: that server answers the connection checks instead of ours.
     */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(whatHolds(port), e);
        }
    }

    /** Told apart by a connection attempt: something listening accepts it, a connection's local end refuses it. */
    static String whatHolds(int port) {
        String change = "give the embedded database another port with async-health.embedded-db.port";
        if (listening(port)) {
            return "Port " + port + " on localhost is in use: a server listens on it (another async-health or "
                    + "PostgreSQL?). Stop it, or " + change;
        }
        String range = ephemeralRange().map(r -> " (this machine takes those from " + r + ")").orElse("");
        return "Port " + port + " on localhost is taken although nothing listens on it: most likely an outgoing "
                + "connection holds it as its local port" + range + ". It is free again once that connection closes; "
                + "or " + change + ", below 32768";
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** The range Linux takes the local ports of outgoing connections from, e.g. "32768-60999"; empty elsewhere. */
    static Optional<String> ephemeralRange() {
        try {
            // By lines: /proc reports a size of 0, and a read sized by it may come back short.
            String[] bounds = Files.readAllLines(LINUX_EPHEMERAL_RANGE).get(0).strip().split("\\s+");
            return bounds.length == 2 ? Optional.of(bounds[0] + "-" + bounds[1]) : Optional.empty();
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
