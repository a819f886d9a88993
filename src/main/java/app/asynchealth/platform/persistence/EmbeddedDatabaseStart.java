package app.asynchealth.platform.persistence;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * The default run starts its embedded PostgreSQL while Quarkus boots (see {@code AsyncHealthMain}); the migrations at
 * start are the first use of the database, so Flyway is configured only once the server is up. A server that failed
 * to start fails the service's start here, with its cause. Nothing to wait for with an external database.
 */
@Singleton
public class EmbeddedDatabaseStart implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        awaitEmbeddedDatabase();
    }

    /** Returns once the embedded server of this JVM, if any, has started. */
    public static void awaitEmbeddedDatabase() {
        EmbeddedDatabase.current().ifPresent(EmbeddedDatabase::awaitStarted);
    }
}
