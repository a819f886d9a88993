package app.asynchealth.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A local RSA key pair for the tokens the service mints, kept as PEM files in a directory so that tokens stay valid
 * across restarts of a local installation. Production supplies its key through configuration instead.
 */
public record SigningKeys(Path privateKeyFile, String publicKeyBase64, String keyId) {

    private static final String PRIVATE_KEY_FILE = "signing-key.pem";
    private static final String KEY_ID_FILE = "signing-key.kid";

    /** Loads the key pair from the directory, generating it on first use. */
    public static SigningKeys loadOrGenerate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateKeyFile = directory.resolve(PRIVATE_KEY_FILE);
            Path keyIdFile = directory.resolve(KEY_ID_FILE);
            if (!Files.exists(privateKeyFile) || !Files.exists(keyIdFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writeSecret(privateKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(keyIdFile, UUID.randomUUID().toString());
            }
            return new SigningKeys(privateKeyFile, publicKeyOf(privateKeyFile), Files.readString(keyIdFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key in " + directory + " is not a usable RSA key", e);
        }
    }

    /**
     * The public key (base64 DER, the form {@code async-health.jwt.public-key} takes) of a PEM PKCS#8 RSA private key:
     * an RSA private key in CRT form carries its public exponent, so the pair needs only one file.
     */
    public static String publicKeyOf(Path privateKeyFile) throws IOException, GeneralSecurityException {
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(privateKeyFile)
                .replaceAll("-----[A-Z ]+-----", "").strip());
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey privateKey)) {
            throw new InvalidKeySpecException("not an RSA private key with its CRT parameters");
        }
        byte[] publicKey = rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()))
                .getEncoded();
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** A random 256-bit secret kept (base64) in the file, generated on first use. */
    public static String loadOrGenerateSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[32];
                new java.security.SecureRandom().nextBytes(secret);
                writeSecret(file, Base64.getEncoder().encodeToString(secret));
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the secret " + file, e);
        }
    }

    /** The configuration that makes the service sign with this key and trust tokens signed with it. */
    public Map<String, String> configuration() {
        Map<String, String> config = new HashMap<>();
        config.put("async-health.jwt.private-key-location", privateKeyFile.toAbsolutePath().toString());
        config.put("async-health.jwt.public-key", publicKeyBase64);
        config.put("async-health.jwt.key-id", keyId);
        return config;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing more to restrict
        }
    }
}
