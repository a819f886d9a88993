package app.asynchealth.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets named by file (as containers hand them over) become the plain settings the service reads. */
class KeyFilesTest {

    @TempDir
    Path directory;

    private final Map<String, String> settings = new HashMap<>();

    private Map<String, String> added() {
        return KeyFiles.configuration(settings::get);
    }

    @Test
    void nothingNamedAddsNothing() {
        assertThat(added()).isEmpty();
    }

    @Test
    void thePublicKeyIsDerivedFromThePrivateKeyAndVerifiesItsSignatures() throws Exception {
        SigningKeys generated = SigningKeys.loadOrGenerate(directory.resolve("keys"));
        settings.put(KeyFiles.PRIVATE_KEY_LOCATION, generated.privateKeyFile().toString());

        String publicKey = added().get(KeyFiles.PUBLIC_KEY);

        assertThat(publicKey).isEqualTo(generated.publicKeyBase64());
        // The derived key really verifies what the private key signs: the pair the service's tokens need.
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(generated.privateKeyFile())
                .replaceAll("-----[A-Z ]+-----", "").strip());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        signer.update("token".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
        verifier.update("token".getBytes());
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aGivenPublicKeyIsKept() {
        SigningKeys generated = SigningKeys.loadOrGenerate(directory.resolve("keys"));
        settings.put(KeyFiles.PRIVATE_KEY_LOCATION, generated.privateKeyFile().toString());
        settings.put(KeyFiles.PUBLIC_KEY, "given");

        assertThat(added()).doesNotContainKey(KeyFiles.PUBLIC_KEY);
    }

    @Test
    void secretsAreReadFromTheFilesTheirLocationKeysName() throws Exception {
        Path slotKey = Files.writeString(directory.resolve("slot.key"), "c2xvdC1rZXk=\n");
        Path secretsKey = Files.writeString(directory.resolve("secrets.key"), "  c2VjcmV0cy1rZXk=  \n");
        settings.put("async-health.anonymity.slot-key-location", slotKey.toString());
        settings.put("async-health.secrets.key-location", secretsKey.toString());

        assertThat(added()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "async-health.anonymity.slot-key", "c2xvdC1rZXk=",
                "async-health.secrets.key", "c2VjcmV0cy1rZXk="));
    }

    @Test
    void aValueGivenDirectlyWinsOverItsFile() throws Exception {
        settings.put("async-health.secrets.key", "direct");
        settings.put("async-health.secrets.key-location", directory.resolve("not-read").toString());

        assertThat(added()).isEmpty();
    }

    @Test
    void aMissingOrEmptyFileStopsTheStartWithTheKeyItWasFor() throws Exception {
        settings.put("async-health.anonymity.slot-key-location", directory.resolve("absent").toString());
        assertThatThrownBy(this::added).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("async-health.anonymity.slot-key-location");

        settings.put("async-health.anonymity.slot-key-location",
                Files.writeString(directory.resolve("empty"), "\n").toString());
        assertThatThrownBy(this::added).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }

    @Test
    void aPrivateKeyThatIsNoRsaKeyStopsTheStart() throws Exception {
        settings.put(KeyFiles.PRIVATE_KEY_LOCATION,
                Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n"
                        + "-----END PRIVATE KEY-----\n").toString());

        assertThatThrownBy(this::added).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KeyFiles.PUBLIC_KEY);
    }
}
