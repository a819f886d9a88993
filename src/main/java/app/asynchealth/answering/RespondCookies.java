package app.asynchealth.answering;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.NewCookie;

/**
 * The two cookies of the answer pages, both HttpOnly (no script reads them) and Secure over https.
 *
 * <ul>
 * <li>{@value #CLAIM_KEY}: a random claim key this browser keeps for every code it claims, so that repeating a claim
 * whose reply was lost yields the same seat (see InvitationClaims). Alone it opens nothing. SameSite=Lax, so that it
 * comes along when the member opens the mail's link again (a top-level navigation from another site).</li>
 * <li>{@value #CREDENTIAL}: the respondent credential of one round, sent only to that round's page
 * ({@code /respond/{id}}), and never from another site (SameSite=Strict).</li>
 * </ul>
 */
final class RespondCookies {

    static final String CLAIM_KEY = "ah-claim-key";
    static final String CREDENTIAL = "ah-respondent";
    static final String ROOT = "/respond";
    /** How long a browser keeps its claim key: longer than any round. */
    static final Duration CLAIM_KEY_LIFETIME = Duration.ofDays(400);

    /** What InvitationRepresentations.ClaimRequest accepts as a claim key. */
    private static final Pattern CLAIM_KEY_FORMAT = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    /** The characters of a compact JWS; anything else in the cookie is not a credential. */
    static final Pattern CREDENTIAL_FORMAT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RespondCookies() {
    }

    static Optional<String> claimKey(String cookieValue) {
        return Optional.ofNullable(cookieValue).filter(value -> CLAIM_KEY_FORMAT.matcher(value).matches());
    }

    static String newClaimKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static NewCookie claimKeyCookie(String key, boolean secure) {
        return new NewCookie.Builder(CLAIM_KEY).value(key).path(ROOT).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) CLAIM_KEY_LIFETIME.toSeconds()).build();
    }

    static String roundPath(UUID assessmentId) {
        return ROOT + "/" + assessmentId;
    }

    static NewCookie credentialCookie(UUID assessmentId, String token, Instant expiresAt, Instant now, boolean secure) {
        long seconds = Math.max(0, Duration.between(now, expiresAt).toSeconds());
        return new NewCookie.Builder(CREDENTIAL).value(token).path(roundPath(assessmentId)).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge((int) Math.min(seconds, Integer.MAX_VALUE))
                .build();
    }
}
