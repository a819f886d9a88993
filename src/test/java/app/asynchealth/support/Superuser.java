package app.asynchealth.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The embedded test server as its superuser (with the password the installation generated): sees every tenant's
 * rows, below row-level security, and can cut the service off its database. For assertions on stored state and for outage tests only.
 */
public final class Superuser {

    private Superuser() {
    }

    public static Connection connect() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("async-health.db.url", String.class);
        String password = ConfigProvider.getConfig().getValue(LocalInstallationResource.SUPERUSER_PASSWORD, String.class);
        return DriverManager.getConnection(url, "postgres", password);
    }

    /** Runs a query and returns its rows, each as an array of its columns. */
    public static List<Object[]> query(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = result.getObject(c + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
