package app.asynchealth.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/** What the test mail server received, by recipient and subject: the claim codes the mails carry. */
public final class Mailbox {

    public static final Pattern CODE = Pattern.compile("([a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\.[A-Za-z0-9_-]{43})");

    private Mailbox() {
    }

    /** The codes of the mails to this address whose subject starts so, oldest first. */
    public static List<String> codes(String address, String subjectPrefix) {
        return codes(MailServerResource.server(), address, subjectPrefix);
    }

    /** As {@link #codes(String, String)}, from another server than the {@link MailServerResource}'s (ReplicaPair's). */
    public static List<String> codes(GreenMail server, String address, String subjectPrefix) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipient(message).equals(address) && subject(message).startsWith(subjectPrefix))
                .map(Mailbox::code).toList();
    }

    public static List<String> invitations(String address) {
        return codes(address, "You are invited: ");
    }

    public static List<String> invitations(GreenMail server, String address) {
        return codes(server, address, "You are invited: ");
    }

    public static List<String> reminders(String address) {
        return codes(address, "Reminder: ");
    }

    /** The decoded text, read without content handlers (see InvitationMailTest). */
    public static String text(MimeMessage message) {
        try {
            return new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String code(MimeMessage message) {
        Matcher matcher = CODE.matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("no claim code in the mail");
        }
        return matcher.group(1);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
