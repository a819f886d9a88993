package app.asynchealth.response;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A respondent's slot in an assessment: HMAC-SHA256 of (assessment, member) under a secret the database never holds.
 * Both ways of answering (an invitation token, or the member's own account) arrive at the same slot, so nobody answers
 * twice; and no stored row says which member a response belongs to.
 */
@Singleton
public class ResponseSlots {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    ResponseSlots(@ConfigProperty(name = "async-health.anonymity.slot-key") String base64Key) {
        byte[] secret = Base64.getDecoder().decode(base64Key.strip());
        if (secret.length < 32) {
            throw new IllegalStateException("async-health.anonymity.slot-key must hold at least 32 random bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    public String slotFor(UUID assessmentId, UUID memberId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((assessmentId + ":" + memberId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
