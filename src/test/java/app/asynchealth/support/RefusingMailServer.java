package app.asynchealth.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that refuses the mail to some addresses for good, as a real one does for a mailbox that does not exist
 * (550 to RCPT, quoting the address), defers the mail to others for now, as for a full mailbox (452), until told to take
 * it, and takes every other mail; it counts each per address. GreenMail, the tests' mail server, takes every recipient
 * and has no way to refuse one, so {@link MailServerResource#refusing} puts this in its place, on its port, for a while. It speaks what the service's mailer sends: EHLO or HELO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT, several mails on one connection.
 */
public final class RefusingMailServer implements AutoCloseable {

    private static final long GREETING_DELAY_MILLIS = 2;

    private final Set<String> refused;
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "refusing-mail-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> recipientsGiven = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    RefusingMailServer(int port, Set<String> refused, Set<String> deferred) {
        this.refused = Set.copyOf(refused);
        this.deferred.addAll(deferred);
        server = LoopbackPorts.listenAgain(port); // the relay's, closed just now
        connections.execute(this::accept);
    }

    /** The mailbox has room again: mail to this address that was deferred is taken from now on. */
    public void takeMailFor(String address) {
        deferred.remove(address);
    }

    /** How often a mail to this address was tried (RCPT), refused or not. */
    public int attempts(String address) {
        return recipientsGiven.getOrDefault(address, new AtomicInteger()).get();
    }

    /** How many mails to this address were taken. */
    public int taken(String address) {
        return taken.getOrDefault(address, new AtomicInteger()).get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            // Not at once: a greeting that is already there when the mailer connects is sometimes lost by it
            // (vertx-mail-client 4.5; see bench/README.md, (h)), and the mail then waits for its timeout.
            Thread.sleep(GREETING_DELAY_MILLIS);
            reply(out, "220 refusing.test ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = (line.length() < 4 ? line : line.substring(0, 4)).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-refusing.test\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 refusing.test");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                        recipientsGiven.computeIfAbsent(address, key -> new AtomicInteger()).incrementAndGet();
                        if (refused.contains(address)) {
                            reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                        } else if (deferred.contains(address)) {
                            reply(out, "452 4.2.2 <" + address + ">: Mailbox full, try again later");
                        } else {
                            recipients.add(address);
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the mail itself is not kept: only that it was taken, and for whom
                        }
                        recipients.forEach(address -> taken.computeIfAbsent(address, key -> new AtomicInteger())
                                .incrementAndGet());
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away, or the server was closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
            // The mailer keeps connections for the next mails: closed here, they cannot outlive this server.
            for (Socket socket : open) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.shutdownNow();
    }
}
