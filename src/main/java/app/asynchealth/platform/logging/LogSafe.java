package app.asynchealth.platform.logging;

import java.util.regex.Pattern;

/**
 * Text from elsewhere (a mail server's reply, a driver's message) made fit for a log line: it may quote an e-mail
 * address or a token it was given, and no log line may carry either.
 */
public final class LogSafe {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)*");
    /** A JWT (header.payload.signature, base64url JSON): every credential the service issues or accepts is one. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private LogSafe() {
    }

    /** The failure's type and message, with e-mail addresses and tokens replaced. */
    public static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + redacted(failure.getMessage());
    }

    /** The text with e-mail addresses and tokens replaced by a placeholder. */
    public static String redacted(String text) {
        if (text == null) {
            return "";
        }
        return EMAIL.matcher(JWT.matcher(text).replaceAll("<token>")).replaceAll("<e-mail>");
    }
}
