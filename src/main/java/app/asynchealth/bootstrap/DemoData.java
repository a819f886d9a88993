package app.asynchealth.bootstrap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import app.asynchealth.platform.tenancy.TenantContext;
import app.asynchealth.team.Team;
import app.asynchealth.team.TeamRepository;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.StartupEvent;

/** Where bootstrap tokens are enabled, the first start creates a demo tenant with one team, so the API can be tried. */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "async-health.bootstrap.enabled") boolean enabled,
            @ConfigProperty(name = "async-health.bootstrap.demo-tenant") String demoTenant,
            Seeder seeder) {
        if (!enabled) {
            return;
        }
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            Arc.container().instance(TenantContext.class).get().actFor(demoTenant);
            if (seeder.seed(demoTenant)) {
                LOG.infof("Created the demo tenant '%s'", demoTenant);
            }
        } finally {
            requestContext.terminate();
        }
    }

    @ApplicationScoped
    static class Seeder {

        private final TenantRepository tenants;
        private final TeamRepository teams;

        Seeder(TenantRepository tenants, TeamRepository teams) {
            this.tenants = tenants;
            this.teams = teams;
        }

        @Transactional
        boolean seed(String tenantId) {
            if (tenants.findByIdOptional(tenantId).isPresent()) {
                return false;
            }
            Tenant tenant = new Tenant();
            tenant.id = tenantId;
            tenant.name = "Demo organisation";
            tenants.persist(tenant);
            Team team = new Team();
            team.name = "Demo team";
            team.description = "Created on first start so that the API can be tried at once.";
            teams.persist(team);
            return true;
        }
    }
}
