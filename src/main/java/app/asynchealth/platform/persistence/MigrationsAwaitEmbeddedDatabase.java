package app.asynchealth.platform.persistence;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * The migrations at start wait for the embedded PostgreSQL, which starts while Quarkus boots (see
 * {@code AsyncHealthMain}). Quarkus migrates in a start-up step of its own, before the application's
 * {@code StartupEvent}, with a Flyway it builds for that step; the one hook of the application that step runs before
 * Flyway connects is the configuration customizer, so the wait is here (it changes no configuration). A server that
 * failed to start fails the service's start here, with its cause. Nothing to wait for with an external database.
 */
@Singleton
public class MigrationsAwaitEmbeddedDatabase implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        EmbeddedDatabase.awaitStartedIfAny();
    }
}
