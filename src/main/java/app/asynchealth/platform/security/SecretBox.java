package app.asynchealth.platform.security;

import java.util.Base64;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.keys.AesKey;
import org.jose4j.lang.JoseException;

/**
 * Seals secrets the service must keep readable (webhook signing secrets) before they reach the database, as compact
 * JWE (direct AES-256-GCM, by jose4j) under a key the database never holds: a copy of the database does not give
 * them away.
 */
@Singleton
public class SecretBox {

    private final AesKey key;

    SecretBox(@ConfigProperty(name = "async-health.secrets.key") String base64Key) {
        byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("async-health.secrets.key must hold exactly 32 random bytes (base64)");
        }
        this.key = new AesKey(bytes);
    }

    public String seal(String secret) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
            jwe.setKey(key);
            jwe.setPayload(secret);
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not seal a secret", e);
        }
    }

    public String open(String sealed) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                    KeyManagementAlgorithmIdentifiers.DIRECT));
            jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                    ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
            jwe.setKey(key);
            jwe.setCompactSerialization(sealed);
            return jwe.getPayload();
        } catch (JoseException e) {
            throw new IllegalStateException("a sealed secret does not open with async-health.secrets.key", e);
        }
    }
}
