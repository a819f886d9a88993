package app.asynchealth.assessment.invitation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time claim codes: {@code <tenant>.<43 characters of randomness>}. The tenant part lets the anonymous claim find
 * the tenant to bind to; the 256 random bits are the secret. The service keeps only the code's SHA-256.
 */
final class ClaimCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The shape of every code, also declared in the contract (InvitationClaimRequest.code). */
    static final String FORMAT = "^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\\.[A-Za-z0-9_-]{43}$";
    private static final Pattern CODE = Pattern.compile(FORMAT);

    private ClaimCodes() {
    }

    static String newCode(String tenant) {
        return tenant + "." + randomSecret();
    }

    /** 256 random bits, base64url: claim codes and respondent credential ids. */
    static String randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * The credential id a claim with a claim key yields: the same for the same code and key, so that a claimer who
     * lost the reply gets their credential again; unknowable without the key, which only the claimer's client holds.
     */
    static String credentialIdFor(String code, String claimKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(claimKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] id = mac.doFinal(("async-health claim " + code).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant a well-formed code names, or empty for anything that is not a claim code. */
    static Optional<String> tenantOf(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(code);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
