package app.asynchealth.support;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Records the SQL that Hibernate prepares while a test asks it to (one entry per statement sent, a JDBC batch counting
 * once) on behalf of an HTTP request: the service's scheduled jobs, which may run meanwhile, are not counted.
 * Statements outside Hibernate (the pool's tenant binding, see RowLevelSecuritySettings) are not seen.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class StatementCounter implements StatementInspector {

    private static final List<String> RECORDED = new ArrayList<>();
    private static volatile boolean recording;

    @Override
    public String inspect(String sql) {
        if (recording && servingARequest()) {
            synchronized (RECORDED) {
                RECORDED.add(sql);
            }
        }
        return sql;
    }

    private static boolean servingARequest() {
        if (!Arc.container().requestContext().isActive()) {
            return false;
        }
        return Arc.container().instance(CurrentVertxRequest.class).get().getCurrent() != null;
    }

    public static void start() {
        synchronized (RECORDED) {
            RECORDED.clear();
        }
        recording = true;
    }

    public static List<String> stop() {
        recording = false;
        synchronized (RECORDED) {
            return new ArrayList<>(RECORDED);
        }
    }
}
