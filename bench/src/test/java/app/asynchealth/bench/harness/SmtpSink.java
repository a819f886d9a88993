package app.asynchealth.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail server for the schedule tick's figures: it speaks just enough SMTP for the service's mailer (EHLO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT), keeps nothing of a mail but its recipients and whether its subject is an invitation's,
 * and answers each command in one write on a socket without Nagle's delay.
 * <p>
 * Not GreenMail, which the tests use: on this machine GreenMail answered every SMTP command about 45 ms late (its
 * replies leave in several small writes on a socket with Nagle's algorithm on, and the client's delayed ACK holds each
 * next one back), so a mail took 230 ms and the tick's invitations would have measured GreenMail. A mail relay answers
 * in one write.
 */
final class SmtpSink implements AutoCloseable {

    static final long GREETING_DELAY_MILLIS = 2;

    private final ServerSocket server;
    private final ExecutorService connections;
    private final Thread acceptor;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong invitations = new AtomicLong();
    private final Map<String, Integer> invitationsByRecipient = new ConcurrentHashMap<>();

    SmtpSink() {
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger count = new AtomicInteger();
        connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "smtp-sink-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        acceptor = new Thread(this::accept, "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Every mail taken. */
    long messages() {
        return messages.get();
    }

    /** Mails taken whose subject is an invitation's ("You are invited: …"). */
    long invitations() {
        return invitations.get();
    }

    /** Recipients who were sent more than one invitation. */
    long recipientsInvitedTwice() {
        return invitationsByRecipient.values().stream().filter(times -> times > 1).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> converse(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            // A greeting at once, on loopback, sometimes reaches the service's mailer before it reads: it then waits
            // for a greeting it lost (or reads one cut short) until its mail timeout. A relay across a network
            // greets a little later; so does this one.
            Thread.sleep(GREETING_DELAY_MILLIS);
            reply(out, "220 bench-sink ESMTP");
            String recipient = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL" -> {
                        recipient = null;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipient = address(line);
                        reply(out, "250 OK");
                    }
                    case "RSET" -> {
                        recipient = null;
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        boolean invitation = false;
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            invitation |= data.startsWith("Subject: You are invited: ");
                        }
                        messages.incrementAndGet();
                        if (invitation) {
                            invitations.incrementAndGet();
                            if (recipient != null) {
                                invitationsByRecipient.merge(recipient, 1, Integer::sum);
                            }
                        }
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to keep
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String address(String line) {
        int start = line.indexOf('<');
        int end = line.indexOf('>', start + 1);
        return start >= 0 && end > start ? line.substring(start + 1, end).toLowerCase(Locale.ROOT) : line;
    }

    /** One write per reply, however many lines: no reply waits for an ACK of its first part. */
    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
