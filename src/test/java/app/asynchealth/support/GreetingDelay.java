package app.asynchealth.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback relay in front of the tests' mail server that holds the server's first bytes (its greeting) back for 2 ms.
 * The service's mailer (vertx-mail-client 4.5) reads a connection only once it has handed it out, and drops what
 * arrived before: a greeting sent at once on loopback, as GreenMail sends it, was lost now and then, whole or its first
 * byte, and the mail waited for its 10 s timeout (twice in a row: not sent). Mail servers across a network greet later;
 * bench/README.md, (h), has the measurements.
 */
final class GreetingDelay implements AutoCloseable {

    private static final long DELAY_MILLIS = 2;

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "greeting-delay");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** On a free port below the range of outgoing connections' ports (see {@link LoopbackPorts#onAFreePort}). */
    static GreetingDelay onAFreePort(int upstreamPort) {
        return LoopbackPorts.onAFreePort(port -> new GreetingDelay(LoopbackPorts.listen(port), upstreamPort));
    }

    /** Again on the port of a relay closed just now. */
    GreetingDelay(int port, int upstreamPort) {
        this(LoopbackPorts.listenAgain(port), upstreamPort);
    }

    private GreetingDelay(ServerSocket server, int upstreamPort) {
        this.upstreamPort = upstreamPort;
        this.server = server;
        pumps.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            pumps.execute(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
            pumps.execute(() -> pump(client, upstream, 0));
            pump(upstream, client, DELAY_MILLIS);
        } catch (IOException e) {
            closeBoth(client, upstream); // the mail server is down: the mailer sees the connection closed
        }
    }

    /** Copies until either side ends, the first bytes after {@code firstDelay} ms; then closes both. */
    private void pump(Socket from, Socket to, long firstDelay) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            boolean first = true;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (first && firstDelay > 0) {
                    Thread.sleep(firstDelay);
                }
                first = false;
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeBoth(from, to);
        }
    }

    private void closeBoth(Socket one, Socket other) {
        for (Socket socket : new Socket[] { one, other }) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        pumps.shutdownNow();
    }
}
