package app.asynchealth.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import app.asynchealth.platform.persistence.EmbeddedDatabase;
import app.asynchealth.platform.security.SigningKeys;

/**
 * Everything a JDK-only machine needs to run the service: an embedded PostgreSQL and a signing key, both kept in one
 * data directory, and bootstrap tokens switched on. Used by the default run and by the tests.
 */
public final class LocalInstallation implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final SigningKeys signingKeys;
    private final String slotKey;
    private final String secretsKey;

    private LocalInstallation(EmbeddedDatabase database, SigningKeys signingKeys, String slotKey, String secretsKey) {
        this.database = database;
        this.signingKeys = signingKeys;
        this.slotKey = slotKey;
        this.secretsKey = secretsKey;
    }

    /** @param databasePort the embedded server's port, 0 for any free port */
    public static LocalInstallation start(Path dataDirectory, int databasePort) {
        LocalInstallation local = prepare(dataDirectory, databasePort);
        local.database.startPrepared();
        return local;
    }

    /**
     * Keys, secrets and the database's port and password, so that {@link #configuration()} is complete, but the
     * embedded server not started yet: see {@link #startDatabaseInBackground()}.
     */
    public static LocalInstallation prepare(Path dataDirectory, int databasePort) {
        // The database first: it locks the data directory, so that a second service started at the same moment is
        // refused before it writes any key.
        EmbeddedDatabase database = EmbeddedDatabase.prepare(dataDirectory.resolve("pgdata"), databasePort,
                dataDirectory.resolve("keys").resolve("database.password"));
        try {
            SigningKeys keys = SigningKeys.loadOrGenerate(dataDirectory.resolve("keys"));
            Path keyDirectory = dataDirectory.resolve("keys");
            String slotKey = SigningKeys.loadOrGenerateSecret(keyDirectory.resolve("response-slot.key"));
            String secretsKey = SigningKeys.loadOrGenerateSecret(keyDirectory.resolve("secrets.key"));
            return new LocalInstallation(database, keys, slotKey, secretsKey);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts the embedded server on a thread of its own, so that it starts while the service boots (about a second,
     * most of it waiting for PostgreSQL). The first use of the database waits for it
     * ({@code MigrationsAwaitEmbeddedDatabase} holds Flyway, the service's first user, until it is up); a failed start fails that use, and so the service's.
     */
    public void startDatabaseInBackground() {
        Thread starter = new Thread(() -> {
            try {
                database.startPrepared();
            } catch (RuntimeException e) {
                // kept by the database and rethrown to whoever awaits its start
            }
        }, "embedded-postgres-start");
        starter.setDaemon(true);
        starter.start();
    }

    public Map<String, String> configuration() {
        Map<String, String> config = new HashMap<>(database.configuration());
        config.putAll(signingKeys.configuration());
        config.put("async-health.anonymity.slot-key", slotKey);
        config.put("async-health.secrets.key", secretsKey);
        config.put("async-health.bootstrap.enabled", "true");
        return config;
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public EmbeddedDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}
