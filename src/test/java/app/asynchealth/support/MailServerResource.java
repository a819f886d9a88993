package app.asynchealth.support;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) inside the test JVM, on a free loopback port, that the service's mailer sends
 * invitation mails to, through a relay that holds its greeting back for 2 ms ({@link GreetingDelay}: the mailer loses a
 * greeting sent at once). Tests read what arrived through {@link #server()}.
 */
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;
    private static GreetingDelay relay;

    public static GreenMail server() {
        return server;
    }

    /** Runs {@code during} while the mail server is down (connections refused), then brings it back. */
    public static void outage(Runnable during) {
        int port = relay.port();
        int upstream = server.getSmtp().getPort();
        relay.close();
        server.stop();
        try {
            during.run();
        } finally {
            server = new GreenMail(new ServerSetup(upstream, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            relay = new GreetingDelay(port, upstream);
        }
    }

    /**
     * Runs {@code during} with a server that refuses the mail to these addresses for good and takes every other one
     * in GreenMail's place, on its port (GreenMail cannot refuse a recipient), then brings GreenMail back.
     */
    public static void refusing(Set<String> addresses, Consumer<RefusingMailServer> during) {
        refusing(addresses, Set.of(), during);
    }

    /**
     * As {@link #refusing(Set, Consumer)}, the server also deferring the mail to the second addresses (a full mailbox)
     * until {@link RefusingMailServer#takeMailFor} says otherwise.
     */
    public static void refusing(Set<String> forGood, Set<String> forNow, Consumer<RefusingMailServer> during) {
        int port = relay.port();
        relay.close();
        try (RefusingMailServer refusing = new RefusingMailServer(port, forGood, forNow)) {
            during.accept(refusing);
        } finally {
            relay = new GreetingDelay(port, server.getSmtp().getPort());
        }
    }

    @Override
    public Map<String, String> start() {
        server = belowOutgoingPorts();
        relay = GreetingDelay.onAFreePort(server.getSmtp().getPort());
        return Map.of("async-health.invitations.email", "true",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(relay.port()),
                "quarkus.mailer.from", "async-health@test.invalid");
    }

    /** GreenMail on a free port below the range of outgoing connections' ports: outages start it again there. */
    private static GreenMail belowOutgoingPorts() {
        return LoopbackPorts.onAFreePort(port -> {
            GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            return mail;
        });
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.stop();
        }
    }
}
