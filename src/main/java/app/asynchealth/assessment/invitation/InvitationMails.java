package app.asynchealth.assessment.invitation;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.invitation.InvitationService.NewCode;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

/**
 * Sends a member their claim code by e-mail (SMTP as configured under {@code quarkus.mailer.*}), so that nobody but
 * the member sees it. The code goes into the mail and nowhere else: it is never logged or stored.
 */
@ApplicationScoped
public class InvitationMails {

    private static final Logger LOG = Logger.getLogger(InvitationMails.class);
    private static final DateTimeFormatter CLOSING = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ReactiveMailer mailer;
    private final boolean enabled;
    private final Optional<String> claimLink;
    private final Duration timeout;

    InvitationMails(ReactiveMailer mailer, @ConfigProperty(name = "async-health.invitations.email") boolean enabled,
            @ConfigProperty(name = "async-health.invitations.claim-link") Optional<String> claimLink,
            @ConfigProperty(name = "async-health.invitations.email-timeout", defaultValue = "30s") Duration timeout) {
        this.mailer = mailer;
        this.enabled = enabled;
        this.claimLink = claimLink;
        this.timeout = timeout;
    }

    public boolean enabled() {
        return enabled;
    }

    /** @return whether the mail server took the mail */
    public boolean send(Assessment assessment, NewCode code) {
        try {
            mailer.send(Mail.withText(code.email(), "You are invited: " + assessment.title, body(assessment, code)))
                    .await().atMost(timeout);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("The mail server did not take the invitation mail of invitation %s: %s", code.invitationId(),
                    e.getMessage());
            return false;
        }
    }

    private String body(Assessment assessment, NewCode code) {
        String greeting = code.displayName() == null || code.displayName().isBlank() ? "Hello,"
                : "Hello " + code.displayName() + ",";
        String link = claimLink.map(prefix -> "\nOpen it here: " + prefix + code.code() + "\n").orElse("");
        return """
                %s

                you are invited to answer "%s", an anonymous check of how your team works asynchronously.
                It closes on %s.

                Your one-time claim code:

                    %s
                %s
                Your survey app exchanges this code for your own answering key (POST /api/v1/invitation-claims).
                The code works once: the key it gives is the only way to your answers, and nobody else holds it,
                not the person who invited you. Results are shown only for groups large enough that nobody's
                answers can be picked out.

                If you did not expect this invitation, you can ignore this mail.
                """.formatted(greeting, assessment.title, CLOSING.format(assessment.closesAt), code.code(), link);
    }
}
