package app.asynchealth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/** Listening on loopback for the tests' own servers (the mail server's stand-ins). */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A server socket on this loopback port, bound again at once if its last one left connections in TIME_WAIT. */
    static ServerSocket listen(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #listen}, on a port whose last server was closed just now: once seen refused for a moment (by what,
     * not found), so it is tried again for up to 2 s.
     */
    static ServerSocket listenAgain(int port) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                return listen(port);
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * What {@code start} starts on a free port below Linux's range for outgoing connections (32768–60999): tests stop
     * such a server and start it again on the same port (an outage), which a client connection may meanwhile hold
     * if the port is in that range. {@code start} throws when the port is taken; another is tried.
     */
    static <T> T onAFreePort(IntFunction<T> start) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return start.apply(ThreadLocalRandom.current().nextInt(20_000, 32_000));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }
}
