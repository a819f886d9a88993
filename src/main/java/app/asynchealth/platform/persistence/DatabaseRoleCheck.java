package app.asynchealth.platform.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * Row-level security binds only a role that is not a superuser, cannot bypass it and owns none of the tables. The
 * service refuses to start when its database role could read across tenants.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    void onStart(@Observes StartupEvent event, DataSource dataSource) throws SQLException {
        EmbeddedDatabase.awaitStartedIfAny(); // already up unless migrations at start are turned off
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT r.rolsuper OR r.rolbypassrls,
                               EXISTS (SELECT 1 FROM pg_tables t WHERE t.tableowner = current_user
                                       AND t.schemaname = current_schema())
                        FROM pg_roles r WHERE r.rolname = current_user""")) {
            row.next();
            if (row.getBoolean(1) || row.getBoolean(2)) {
                throw new IllegalStateException("The service's database role may bypass row-level security "
                        + "(superuser, BYPASSRLS or table owner); connect as a role that owns nothing.");
            }
        }
    }
}
