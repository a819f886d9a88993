package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.Tokens;
import app.asynchealth.team.Team;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tenant isolation at both layers: Hibernate's tenant discriminator over the API, and PostgreSQL row-level security
 * alone, with queries that name no tenant at all.
 */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    AsTenant asTenant;
    @Inject
    EntityManager entityManager;

    String tenantA;
    String tenantB;
    String teamOfA;

    @BeforeEach
    void twoTenants() {
        tenantA = Api.newTenant();
        tenantB = Api.newTenant();
        teamOfA = Api.newTeam(tenantA, "Payments");
        Api.newMember(tenantA, teamOfA, Map.of("email", "ana@a.example", "subject", "ana"));
        Api.newTeam(tenantB, "Payments");
    }

    @Test
    void anotherTenantsTeamIsNotFoundThroughTheApi() {
        String adminOfB = Tokens.tenantAdmin(tenantB);
        Api.as(adminOfB).get("/api/v1/teams/{id}", teamOfA).then().statusCode(404)
                .contentType("application/problem+json");
        Api.as(adminOfB).body(Map.of("name", "Stolen")).patch("/api/v1/teams/{id}", teamOfA).then().statusCode(404);
        Api.as(adminOfB).delete("/api/v1/teams/{id}", teamOfA).then().statusCode(404);
        Api.as(adminOfB).get("/api/v1/teams").then().statusCode(200).body("items.id", not(hasItem(teamOfA)));
        Api.as(Tokens.tenantAdmin(tenantA)).get("/api/v1/teams/{id}", teamOfA).then().statusCode(200)
                .body("name", equalTo("Payments"));
    }

    @Test
    void hibernateQueriesSeeOnlyTheSessionsTenant() {
        List<String> seenByB = asTenant.call(tenantB, () -> entityManager
                .createQuery("select t.tenantId from Team t", String.class).getResultList());
        assertThat(seenByB).isNotEmpty().containsOnly(tenantB);
        Team found = asTenant.call(tenantB, () -> entityManager.find(Team.class, UUID.fromString(teamOfA)));
        assertThat(found).isNull();
    }

    @Test
    void rowLevelSecurityAloneHidesOtherTenantsRows() {
        // Native SQL bypasses Hibernate's tenant filter: only PostgreSQL stands between tenant B and tenant A's rows.
        List<Object> teamTenants = asTenant.call(tenantB, () -> entityManager
                .createNativeQuery("SELECT DISTINCT tenant_id FROM team").getResultList().stream().map(Object.class::cast).toList());
        assertThat(teamTenants).containsExactly(tenantB);
        Number membersOfA = asTenant.call(tenantB, () -> (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM team_member WHERE tenant_id = ?1")
                .setParameter(1, tenantA).getSingleResult());
        assertThat(membersOfA.longValue()).isZero();
        List<Object> tenants = asTenant.call(tenantB, () -> entityManager
                .createNativeQuery("SELECT id FROM tenant").getResultList().stream().map(Object.class::cast).toList());
        assertThat(tenants).containsExactly(tenantB);
        // The same query for tenant A does see its own rows: the policy filters, it does not just block.
        Number membersOfAForA = asTenant.call(tenantA, () -> (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM team_member").getSingleResult());
        assertThat(membersOfAForA.longValue()).isEqualTo(1);
    }

    @Test
    void rowLevelSecurityAloneRefusesWritesIntoAnotherTenant() {
        assertThatThrownBy(() -> asTenant.call(tenantB, () -> entityManager.createNativeQuery(
                "INSERT INTO team (tenant_id, id, name, created_at, updated_at, version) VALUES (?1, ?2, 'Planted', now(), now(), 0)")
                .setParameter(1, tenantA).setParameter(2, UUID.randomUUID()).executeUpdate()))
                .hasStackTraceContaining("row-level security");
        Number updated = asTenant.call(tenantB, () -> entityManager
                .createNativeQuery("UPDATE team SET name = 'Renamed' WHERE tenant_id = ?1")
                .setParameter(1, tenantA).executeUpdate());
        assertThat(updated.intValue()).isZero();
        Api.as(Tokens.tenantAdmin(tenantA)).get("/api/v1/teams/{id}", teamOfA).then().body("name", equalTo("Payments"));
    }

    @Test
    void withoutATenantNothingIsVisible() {
        Number teams = asTenant.call(null, () -> (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM team").getSingleResult());
        assertThat(teams.longValue()).isZero();
    }

    @Test
    void theServiceConnectsAsARoleThatCannotBypassRowLevelSecurity() {
        Object[] role = asTenant.call(tenantA, () -> (Object[]) entityManager.createNativeQuery("""
                SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                       (SELECT count(*) FROM pg_tables WHERE tableowner = current_user)
                FROM pg_roles r WHERE r.rolname = current_user""").getSingleResult());
        assertThat(role[0]).isEqualTo("async_health_app");
        assertThat(role[1]).isEqualTo(false);
        assertThat(role[2]).isEqualTo(false);
        assertThat(((Number) role[3]).longValue()).isZero();
        // Every table that holds tenant data, now and in later migrations, forces row-level security.
        List<Object> tenantTables = asTenant.call(tenantA, () -> entityManager.createNativeQuery("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r'
                  AND (c.relname = 'tenant' OR EXISTS (SELECT 1 FROM pg_attribute a
                       WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))""")
                .getResultList().stream().map(Object.class::cast).toList());
        assertThat(tenantTables).contains("tenant", "team", "team_member", "assessment", "invitation", "response", "answer",
                "template_version");
        List<Object> unforced = asTenant.call(tenantA, () -> entityManager.createNativeQuery("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history'
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""")
                .getResultList().stream().map(Object.class::cast).toList());
        assertThat(unforced).isEmpty();
    }
}
