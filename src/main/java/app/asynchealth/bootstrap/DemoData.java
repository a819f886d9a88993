package app.asynchealth.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.platform.tenancy.TenantWork;
import app.asynchealth.team.Team;
import app.asynchealth.team.TeamRepository;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;
import io.quarkus.runtime.StartupEvent;

/** Where bootstrap tokens are enabled, the first start creates a demo tenant with one team, so the API can be tried. */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "async-health.bootstrap.enabled") boolean enabled,
            @ConfigProperty(name = "async-health.bootstrap.demo-tenant") String demoTenant,
            TenantWork work, TenantRepository tenants, TeamRepository teams) {
        if (!enabled) {
            return;
        }
        boolean created = work.call(demoTenant, () -> {
            // Replicas that start together on one database take turns: the later one finds the tenant made.
            tenants.getEntityManager()
                    .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('demo-data:' || :id, 0))")
                    .setParameter("id", demoTenant).getSingleResult();
            if (tenants.findByIdOptional(demoTenant).isPresent()) {
                return false;
            }
            Tenant tenant = new Tenant();
            tenant.id = demoTenant;
            tenant.name = "Demo organisation";
            tenants.persist(tenant);
            Team team = new Team();
            team.name = "Demo team";
            team.description = "Created on first start so that the API can be tried at once.";
            teams.persist(team);
            return true;
        });
        if (created) {
            LOG.infof("Created the demo tenant '%s'", demoTenant);
        }
    }
}
