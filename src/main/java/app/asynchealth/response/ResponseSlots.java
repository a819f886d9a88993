package app.asynchealth.response;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.asynchealth.assessment.invitation.Claimant;

/**
 * A respondent's slot in an assessment: HMAC-SHA256 of (assessment, claimant secret) under a key the database never
 * holds. The claimant secret comes from the respondent's own credential (see {@link Claimant}), so no stored row says
 * which member a response belongs to; for a claimed code not even the database and the key together lead to it, as the
 * credential's secret is stored nowhere. One seat per member and assessment keeps anyone from answering twice.
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

    public String slotFor(UUID assessmentId, Claimant claimant) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((assessmentId + ":" + claimant.secret()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
