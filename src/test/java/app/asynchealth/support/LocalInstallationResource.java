package app.asynchealth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import app.asynchealth.platform.LocalInstallation;
import app.asynchealth.platform.security.SigningKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The tests run against the same local installation as the default run: a real embedded PostgreSQL and a generated
 * signing key, in a temporary data directory. A second key stands in for a Keycloak realm's, so that tokens shaped like
 * Keycloak's go through the real quarkus-oidc verification of the keycloak tenant.
 */
public class LocalInstallationResource implements QuarkusTestResourceLifecycleManager {

    public static final String KEYCLOAK_ISSUER = "https://keycloak.test/realms/async-health";
    public static final String KEYCLOAK_KEY = "test.keycloak.private-key-location";
    /** The embedded server's superuser password, for {@link Superuser}; the service itself never connects as it. */
    public static final String SUPERUSER_PASSWORD = "test.embedded.superuser-password";

    private Path dataDirectory;
    private LocalInstallation installation;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("async-health-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        installation = LocalInstallation.start(dataDirectory, 0);
        Map<String, String> config = new HashMap<>(installation.configuration());
        SigningKeys keycloak = SigningKeys.loadOrGenerate(dataDirectory.resolve("keycloak-keys"));
        config.put("async-health.keycloak.enabled", "true");
        config.put("quarkus.oidc.keycloak.public-key", keycloak.publicKeyBase64());
        config.put("quarkus.oidc.keycloak.auth-server-url", "");
        config.put("quarkus.oidc.keycloak.token.issuer", KEYCLOAK_ISSUER);
        config.put(KEYCLOAK_KEY, keycloak.privateKeyFile().toString());
        config.put(SUPERUSER_PASSWORD, installation.database().password());
        return config;
    }

    @Override
    public void stop() {
        if (installation != null) {
            installation.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the OS cleans up what is left
            }
        }
    }
}
