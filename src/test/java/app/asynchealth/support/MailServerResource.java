package app.asynchealth.support;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) inside the test JVM, on a free loopback port, that the service's mailer sends
 * invitation mails to. Tests read what arrived through {@link #server()}.
 */
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;

    public static GreenMail server() {
        return server;
    }

    /** Runs {@code during} while the mail server is down, then brings it back on the same port. */
    public static void outage(Runnable during) {
        int port = server.getSmtp().getPort();
        server.stop();
        try {
            during.run();
        } finally {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    @Override
    public Map<String, String> start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return Map.of("async-health.invitations.email", "true",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()),
                "quarkus.mailer.from", "async-health@test.invalid");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
