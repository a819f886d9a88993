package app.asynchealth.platform.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalPoolInterceptor;

/**
 * What confines every statement to the tenant: every connection handed out by the pool carries the current tenant in
 * the settings the row-level security policies read, and is reset to no tenant when it goes back.
 */
@ApplicationScoped
public class RowLevelSecuritySettings implements AgroalPoolInterceptor {

    private static final String APPLY = "SELECT set_config('async_health.tenant_id', ?, false),"
            + " set_config('async_health.platform_scope', ?, false)";

    @Override
    public void onConnectionAcquire(Connection connection) {
        var context = TenantContext.current();
        apply(connection, context.flatMap(TenantContext::tenantId).orElse(TenantContext.NO_TENANT),
                context.map(TenantContext::platformScope).orElse(false));
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        apply(connection, TenantContext.NO_TENANT, false);
    }

    private static void apply(Connection connection, String tenantId, boolean platformScope) {
        try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
            statement.setString(1, tenantId);
            statement.setString(2, platformScope ? "on" : "off");
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot bind the connection to its tenant", e);
        }
    }
}
