package app.asynchealth.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the embedded PostgreSQL is down (its watchdog restarts it), so that a load balancer sends no
 * requests that could only fail. With an external database this check has nothing to say and is up.
 */
@Readiness
@ApplicationScoped
public class EmbeddedDatabaseReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return EmbeddedDatabase.current()
                .map(database -> HealthCheckResponse.named("embedded-postgresql").status(database.isRunning())
                        .withData("port", database.port()).withData("pid", database.postmasterPid()).build())
                .orElseGet(() -> HealthCheckResponse.named("embedded-postgresql").up().withData("mode", "external")
                        .build());
    }
}
