package app.asynchealth.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.EntityType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import app.asynchealth.integration.ExportSlots;
import app.asynchealth.platform.tenancy.TenantRowCheck;
import app.asynchealth.support.Api;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.RichTenant;
import app.asynchealth.support.WebhookReceiver;
import app.asynchealth.support.Tokens;
import app.asynchealth.team.Team;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tenant isolation at both layers, each tested alone: PostgreSQL row-level security with native SQL over every tenant
 * table of the catalog, and the load-time check of every entity Hibernate loads with the connection's row-level
 * security bound to the other tenant (so only that check stands between the session and those rows). Flags alone
 * prove nothing: a {@code USING (true)} policy is forced and enabled too.
 */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    AsTenant asTenant;

    @Inject
    ExportSlots exportSlots;
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
        // Native SQL loads no entity: only PostgreSQL stands between tenant B and tenant A's rows.
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

    private static void refusedAsAnotherTenants(Throwable thrown) {
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof TenantRowCheck.CrossTenantRow)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("refused by the load-time tenant check: %s", thrown).isNotNull();
    }

    /** Every table holding tenant data, from the catalog: new tables join the checks by themselves. */
    List<String> tenantTables() {
        return asTenant.call(tenantA, () -> entityManager.createNativeQuery("""
                SELECT DISTINCT table_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1""")
                .getResultList().stream().map(String.class::cast).toList());
    }

    long count(String tenant, String sql, Object... parameters) {
        return asTenant.call(tenant, () -> {
            var query = entityManager.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    @Nested
    class EveryTenantTable {

        RichTenant richA;
        WebhookReceiver receiver;

        ExportSlots.Slot exportOfA;

        @BeforeEach
        void aTenantWithARowInEveryTable() {
            receiver = new WebhookReceiver();
            richA = new RichTenant(receiver);
            exportOfA = exportSlots.take(richA.id); // as while one of A's exports streams
        }

        @AfterEach
        void stopReceiver() {
            exportOfA.release();
            receiver.close();
        }

        @Test
        void rowLevelSecurityAloneHidesAndProtectsEveryRowOfAnotherTenant() {
            List<String> tables = tenantTables();
            assertThat(tables).contains("team", "team_member", "assessment", "invitation", "response", "answer",
                    "template_version", "profile_snapshot", "integration_token", "webhook_endpoint", "webhook_event",
                    "webhook_delivery", "webhook_attempt", "export_slot");
            Map<String, Long> before = new TreeMap<>();
            for (String table : tables) {
                // Native SQL with no tenant filter of Hibernate's: only the policies decide.
                String ofA = "SELECT count(*) FROM " + table + " WHERE tenant_id = ?1";
                long seenByA = count(richA.id, ofA, richA.id);
                assertThat(seenByA).as("rows of tenant A in %s (add one to RichTenant)", table).isPositive();
                before.put(table, seenByA);
                assertThat(count(tenantB, ofA, richA.id)).as("rows of A that B sees in %s", table).isZero();
                assertThat(count(tenantB, "SELECT count(*) FROM " + table + " WHERE tenant_id <> ?1", tenantB))
                        .as("rows of other tenants that B sees in %s", table).isZero();
                assertThat(count(null, ofA, richA.id)).as("rows of A seen with no tenant in %s", table).isZero();
                // Nor can B change or remove them.
                assertThat(count(tenantB, "WITH changed AS (UPDATE " + table
                        + " SET tenant_id = tenant_id WHERE tenant_id = ?1 RETURNING 1) SELECT count(*) FROM changed",
                        richA.id)).as("rows of A that B updates in %s", table).isZero();
                assertThat(count(tenantB, "WITH gone AS (DELETE FROM " + table
                        + " WHERE tenant_id = ?1 RETURNING 1) SELECT count(*) FROM gone", richA.id))
                        .as("rows of A that B deletes in %s", table).isZero();
            }
            assertThat(count(tenantB, "SELECT count(*) FROM tenant WHERE id <> ?1", tenantB)).isZero();
            for (String table : tables) {
                long after = count(richA.id, "SELECT count(*) FROM " + table + " WHERE tenant_id = ?1", richA.id);
                if (table.equals("webhook_attempt")) {
                    // A's own dispatcher may log another attempt meanwhile (the log only grows); B's deletes and
                    // updates of it were counted above, and were none.
                    assertThat(after).as("rows of A in %s afterwards", table).isGreaterThanOrEqualTo(before.get(table));
                } else {
                    assertThat(after).as("rows of A in %s afterwards", table).isEqualTo(before.get(table));
                }
            }
        }

        @Test
        void withRowLevelSecurityBoundToTheWrongTenantNoEntityOfThatTenantIsHandedOut() {
            List<String> entities = entityManager.getMetamodel().getEntities().stream()
                    .filter(type -> type.getAttributes().stream().anyMatch(a -> a.getName().equals("tenantId")))
                    .map(EntityType::getName).sorted().toList();
            assertThat(entities).contains("Team", "TeamMember", "Assessment", "Answer");
            for (String entity : entities) {
                String jpql = "select e from " + entity + " e";
                List<?> own = asTenant.call(richA.id, () -> entityManager.createQuery(jpql).getResultList());
                assertThat(own).as("%s entities of tenant A loaded by A (add one to RichTenant)", entity).isNotEmpty();
                // Re-bind this transaction's connection to tenant A: row-level security now shows A's rows to a
                // unit of work of B, and the load-time check is all that keeps them from being handed out.
                assertThatThrownBy(() -> asTenant.call(tenantB, () -> {
                    rebindRowLevelSecurity(richA.id);
                    return entityManager.createQuery(jpql).getResultList();
                })).as("%s entities of A loaded by B", entity).satisfies(TenantIsolationTest::refusedAsAnotherTenants);
            }
            assertThatThrownBy(() -> asTenant.call(tenantB, () -> {
                rebindRowLevelSecurity(richA.id);
                return entityManager.find(Team.class, UUID.fromString(richA.team));
            })).satisfies(TenantIsolationTest::refusedAsAnotherTenants);
            Api.as(richA.admin).get("/api/v1/teams/{id}", richA.team).then().body("name", equalTo(richA.teamName));
        }

        /** Points row-level security of the current transaction at another tenant, leaving Hibernate's binding. */
        private void rebindRowLevelSecurity(String tenant) {
            entityManager.createNativeQuery("SELECT set_config('async_health.tenant_id', ?1, true)")
                    .setParameter(1, tenant).getSingleResult();
            Number visible = (Number) entityManager
                    .createNativeQuery("SELECT count(*) FROM team WHERE tenant_id = ?1").setParameter(1, tenant)
                    .getSingleResult();
            assertThat(visible.longValue()).as("the connection now sees the other tenant's rows").isPositive();
        }
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
