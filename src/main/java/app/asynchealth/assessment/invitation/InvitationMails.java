package app.asynchealth.assessment.invitation;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.invitation.InvitationService.NewCode;
import app.asynchealth.platform.logging.LogSafe;
import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends a member their claim code by e-mail (SMTP as configured under {@code quarkus.mailer.*}), so that nobody but
 * the member sees it. The code goes into the mail and nowhere else: it is never logged or stored.
 */
@ApplicationScoped
public class InvitationMails {

    private static final Logger LOG = Logger.getLogger(InvitationMails.class);
    private static final DateTimeFormatter CLOSING = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static final int ATTEMPTS = 2;
    /** The wait after a mailbox's server first deferred a mail; it doubles with each deferral, up to the longest. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final String ANSWER_PAGE_HINT = """
            Press Start there; that browser then keeps your answers' key, so come back in the same browser to
            change or withdraw your answer until the round closes. The link works for one browser only.

            """;

    /**
     * What became of a batch of mails: the invitations whose mail the server took; those it refused for good (a
     * permanent reply to that mail, 5xx: no such mailbox, say), which no retry would change; those it deferred (a
     * transient reply to that mail, 4xx: a full mailbox, greylisting), which it may take later; and how many mails
     * found no server to answer (no connection, no reply in time, or 421: it is shutting down).
     */
    public record Sent(Set<UUID> taken, Set<UUID> refused, Set<UUID> deferred, int unreachable) {

        public static final Sent NONE = new Sent(Set.of(), Set.of(), Set.of(), 0);
    }

    private enum Fate {
        TAKEN, REFUSED, DEFERRED, UNREACHABLE
    }

    private record Outcome(UUID invitationId, Fate fate) {
    }

    private final ReactiveMailer mailer;
    private final boolean enabled;
    private final Optional<String> claimLink;
    private final boolean linksToAnswerPage;
    private final Duration timeout;

    InvitationMails(ReactiveMailer mailer, @ConfigProperty(name = "async-health.invitations.email") boolean enabled,
            @ConfigProperty(name = "async-health.invitations.claim-link") Optional<String> claimLink,
            @ConfigProperty(name = "async-health.public-url") Optional<String> publicUrl,
            @ConfigProperty(name = "async-health.invitations.email-timeout") Duration timeout) {
        this.mailer = mailer;
        this.enabled = enabled;
        this.claimLink = claimLink(claimLink, publicUrl);
        this.linksToAnswerPage = claimLink.filter(link -> !link.isBlank()).isEmpty() && this.claimLink.isPresent();
        this.timeout = timeout;
    }

    /**
     * The link a mail carries, the code appended: the configured one, else the service's own answer page when its
     * public address is known ({@code <public-url>/respond?code=}), else none.
     */
    static Optional<String> claimLink(Optional<String> configured, Optional<String> publicUrl) {
        return configured.filter(link -> !link.isBlank()).or(() -> publicUrl.filter(url -> !url.isBlank())
                .map(url -> url.strip().replaceAll("/+$", "") + "/respond?code="));
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * How long to wait before mailing a mailbox again after its server deferred a mail for the given time (a transient
     * reply: a full mailbox, greylisting): 5, 10, 20, 40 minutes, then every hour, as mail servers retry among
     * themselves, rather than at every tick of the schedule.
     */
    public static Duration retryDelay(int deferrals) {
        Duration delay = FIRST_RETRY;
        for (int i = 1; i < deferrals && delay.compareTo(LONGEST_RETRY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(LONGEST_RETRY) < 0 ? delay : LONGEST_RETRY;
    }

    /**
     * Sends every code's mail at once, each bounded by the timeout per attempt, so a slow or dead mail server delays
     * the caller by {@value #ATTEMPTS} timeouts, not by a number per member.
     *
     * @return what the mail server did with each invitation's mail
     */
    public Sent send(Assessment assessment, List<NewCode> codes) {
        return sendAll(codes, "invitation", code -> Mail.withText(code.email(), "You are invited: " + assessment.title,
                body(assessment, code)));
    }

    /**
     * Reminders: each pending member's fresh code, as {@link #send} does for invitations (same retries and bounds).
     *
     * @return what the mail server did with each reminder
     */
    public Sent sendReminders(Assessment assessment, List<NewCode> codes) {
        return sendAll(codes, "reminder", code -> Mail.withText(code.email(), "Reminder: " + assessment.title,
                reminderBody(assessment, code)));
    }

    private Sent sendAll(List<NewCode> codes, String kind, Function<NewCode, Mail> mail) {
        if (codes.isEmpty()) {
            return Sent.NONE;
        }
        // Reminders are sent while their caller's transaction holds the assessment's reminder lock: the mail itself
        // runs outside it, so that no mail callback (on another thread, with propagated context) touches it. A failed
        // send otherwise left the transaction's connection delisted, and its commit failed.
        return QuarkusTransaction.suspendingExisting().call(() -> sendOutsideTransactions(codes, kind, mail));
    }

    private Sent sendOutsideTransactions(List<NewCode> codes, String kind, Function<NewCode, Mail> mail) {
        List<Uni<Outcome>> sends = codes.stream().map(code -> mailer
                .send(mail.apply(code))
                .ifNoItem().after(timeout).fail()
                // Once more when no server answered: the same mail twice carries the same code, so a duplicate costs
                // nothing. A mail the server replied to is not sent again now: the same reply would come (refused for
                // good), or a later try is what the server asked for (deferred).
                .onFailure(failure -> fate(failure) == Fate.UNREACHABLE).retry().atMost(ATTEMPTS - 1)
                .onItem().transform(ignored -> new Outcome(code.invitationId(), Fate.TAKEN))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("The mail server did not take the %s mail of invitation %s: %s", kind,
                            code.invitationId(), LogSafe.describe(failure));
                    return new Outcome(code.invitationId(), fate(failure));
                })).toList();
        List<Outcome> outcomes = Uni.join().all(sends).andFailFast().await()
                .atMost(timeout.multipliedBy(ATTEMPTS).plusSeconds(5));
        return new Sent(invitations(outcomes, Fate.TAKEN), invitations(outcomes, Fate.REFUSED),
                invitations(outcomes, Fate.DEFERRED), (int) outcomes.stream().filter(outcome -> outcome.fate() == Fate.UNREACHABLE).count());
    }

    private static Set<UUID> invitations(List<Outcome> outcomes, Fate fate) {
        return outcomes.stream().filter(outcome -> outcome.fate() == fate).map(Outcome::invitationId)
                .collect(Collectors.toSet());
    }

    /** A reply of the server's to this mail says what it will do with it; no reply says nothing about the mail. */
    private static Fate fate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException reply) {
                if (reply.getReplyCode() == 421) {
                    return Fate.UNREACHABLE; // "service not available, closing the channel": the server, not the mail
                }
                return reply.isPermanent() ? Fate.REFUSED : Fate.DEFERRED;
            }
        }
        return Fate.UNREACHABLE;
    }

    private String body(Assessment assessment, NewCode code) {
        String greeting = code.displayName() == null || code.displayName().isBlank() ? "Hello,"
                : "Hello " + code.displayName() + ",";
        // With the answer page, the member needs only the link; the code stays for tenants' own survey apps.
        String howTo = claimLink.map(prefix -> """
                Answer in your browser, on a phone or a computer:

                    %s

                %s
                For a survey app instead, your one-time claim code is:

                    %s
                """.formatted(prefix + code.code(), linksToAnswerPage ? ANSWER_PAGE_HINT : "", code.code())).orElseGet(() -> """
                Your one-time claim code:

                    %s

                Your survey app exchanges this code for your own answering key (POST /api/v1/invitation-claims).
                """.formatted(code.code()));
        return """
                %s

                you are invited to answer "%s", an anonymous check of how your team works asynchronously.
                It closes on %s.

                %s
                The code works once: the key it gives is the only way to your answers, and nobody else holds it,
                not the person who invited you. Results are shown only for groups large enough that nobody's
                answers can be picked out.

                If you did not expect this invitation, you can ignore this mail.
                """.formatted(greeting, assessment.title, CLOSING.format(assessment.closesAt), howTo);
    }

    private String reminderBody(Assessment assessment, NewCode code) {
        String greeting = code.displayName() == null || code.displayName().isBlank() ? "Hello,"
                : "Hello " + code.displayName() + ",";
        String link = claimLink.map(prefix -> "\nOpen it here: " + prefix + code.code() + "\n").orElse("");
        return """
                %s

                "%s", the anonymous check of how your team works asynchronously, closes on %s,
                and you have not started it yet.

                Your new one-time claim code (the one you were sent before no longer works):

                    %s
                %s
                Your survey app exchanges this code for your own answering key (POST /api/v1/invitation-claims).
                The code works once: the key it gives is the only way to your answers, and nobody else holds it.

                If you do not want to take part, you can ignore this mail.
                """.formatted(greeting, assessment.title, CLOSING.format(assessment.closesAt), code.code(), link);
    }
}
