package app.asynchealth;

import java.nio.file.Path;
import java.util.Map;

import org.jboss.logging.Logger;

import app.asynchealth.platform.LocalInstallation;
import app.asynchealth.platform.persistence.EmbeddedPort;
import app.asynchealth.platform.security.KeyFiles;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. When no database URL is configured it first starts a local installation (embedded PostgreSQL,
 * a generated signing key, bootstrap tokens) so that a machine with only a JDK can run it.
 */
@QuarkusMain
public class AsyncHealthMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(AsyncHealthMain.class);

    static final String DB_URL = "async-health.db.url";
    static final String DATA_DIR = "async-health.data-dir";
    static final String EMBEDDED_DB_PORT = "async-health.embedded-db.port";

    public static void main(String... args) {
        // Secrets given as files, and the public key derived from the private one, become plain settings first, so
        // that a container needs to name only files (and the embedded default fills in only what is still missing).
        KeyFiles.configuration(AsyncHealthMain::setting).forEach(System::setProperty);
        if (setting(DB_URL) != null) {
            Quarkus.run(AsyncHealthMain.class, args);
            return;
        }
        Path dataDirectory = Path.of(setting(DATA_DIR) != null ? setting(DATA_DIR)
                : System.getProperty("user.home") + "/.async-health");
        int port = setting(EMBEDDED_DB_PORT) != null ? Integer.parseInt(setting(EMBEDDED_DB_PORT))
                : EmbeddedPort.DEFAULT;
        LocalInstallation local = LocalInstallation.prepare(dataDirectory, port);
        // PostgreSQL starts while Quarkus boots; Flyway, the first to need it, waits for it
        // (MigrationsAwaitEmbeddedDatabase).
        local.startDatabaseInBackground();
        LOG.infof("No %s configured: using the embedded PostgreSQL at %s (data in %s)", DB_URL, local.jdbcUrl(),
                dataDirectory.toAbsolutePath());
        for (Map.Entry<String, String> entry : local.configuration().entrySet()) {
            if (setting(entry.getKey()) == null) {
                System.setProperty(entry.getKey(), entry.getValue());
            }
        }
        Quarkus.run(AsyncHealthMain.class, (exitCode, failure) -> {
            if (failure != null) {
                LOG.error("The service failed to start", failure);
            }
            local.close();
            System.exit(exitCode);
        }, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    /** A setting given as a system property or as its environment variable (the MicroProfile Config mapping). */
    static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value;
    }
}
