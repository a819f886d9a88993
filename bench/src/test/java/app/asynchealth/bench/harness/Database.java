package app.asynchealth.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.scoring.ScoringModels;
import app.asynchealth.scoring.core.ScoringModel;

/**
 * The service's embedded PostgreSQL as the harness reaches it: as its superuser ({@code postgres}, which bypasses
 * row-level security, so every statement names its tenant), with the password the service keeps in its data directory.
 * Used to write the bulk datasets (closed rounds with submitted answers), as the benches in this directory do, and to
 * prepare pgbench's seats.
 */
final class Database implements AutoCloseable {

    static final String NAME = "async_health";
    static final String SUPERUSER = "postgres";
    static final String APP_ROLE = "async_health_app";

    private final int port;
    private final String password;
    private final Connection connection;

    Database(int port, Path serviceDataDirectory) throws Exception {
        this.port = port;
        this.password = Files.readString(serviceDataDirectory.resolve("keys").resolve("database.password")).strip();
        this.connection = DriverManager.getConnection(url(), SUPERUSER, password);
        this.connection.setAutoCommit(true);
    }

    /** Another connection as the superuser, for a thread of its own (this one's is not shared across threads). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), SUPERUSER, password);
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    int port() {
        return port;
    }

    /** The one password of the superuser and the service's roles (the service generated it). */
    String password() {
        return password;
    }

    static ScoringModel model() {
        return ScoringModels.load().forTemplate(BuiltInTemplates.load().find("async-health", 1).orElseThrow())
                .orElseThrow();
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    long count(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * {@code teams} teams of the tenant (named {@code prefix n}), each with {@code rounds} closed rounds (closing one
     * day apart) of {@code respondents} submitted responses, each with a random valid answer to every scored question.
     * Closed by SQL, so without a stored final profile (as if closed before migration V12): the service's first read
     * stores them. Returns the number of answer rows written.
     */
    long closedRounds(String tenant, String prefix, int teams, int rounds, int respondents, ScoringModel model)
            throws SQLException {
        update("""
                INSERT INTO team (tenant_id, id, name, created_at, updated_at, version)
                SELECT ?, gen_random_uuid(), ? || ' ' || g, now(), now(), 0 FROM generate_series(1, ?) g""",
                tenant, prefix, teams);
        update("""
                INSERT INTO assessment (tenant_id, id, team_id, title, template_key, template_version, status, opens_at,
                    closes_at, anonymity_threshold, round, opened_at, closed_at, created_at, updated_at, version)
                SELECT tenant_id, gen_random_uuid(), id, 'Bench', 'async-health', 1, 'CLOSED', now() - interval '400 days',
                    now() - interval '1 day', 5, r, now() - interval '400 days',
                    now() - make_interval(days => 1 + ? - r, secs => random() * 3600), now(), now(), 0
                FROM team, generate_series(1, ?) r WHERE tenant_id = ?""", rounds, rounds, tenant);
        update("""
                INSERT INTO response (tenant_id, id, assessment_id, slot, status, submitted_at, created_at, updated_at, version)
                SELECT a.tenant_id, gen_random_uuid(), a.id, md5(a.id::text || g), 'SUBMITTED', now(), now(), now(), 0
                FROM assessment a, generate_series(1, ?) g WHERE a.tenant_id = ?""", respondents, tenant);
        long rows = 0;
        for (var entry : model.questions().entrySet()) {
            var scoring = entry.getValue();
            String value;
            if (scoring.choices() != null) {
                List<String> choices = new ArrayList<>(scoring.choices().keySet());
                value = "NULL, (ARRAY['" + String.join("','", choices) + "'])[1 + floor(random() * " + choices.size()
                        + ")::int]";
            } else if (scoring.linear() != null) {
                value = "round((random() * " + Math.max(scoring.linear().zeroAt(), scoring.linear().fullAt())
                        + ")::numeric, 1), NULL";
            } else {
                value = "1 + floor(random() * 5), NULL";
            }
            rows += update("""
                    INSERT INTO answer (tenant_id, id, response_id, assessment_id, question_key, number_value, choice_value)
                    SELECT r.tenant_id, gen_random_uuid(), r.id, r.assessment_id, ?, %s FROM response r
                    WHERE r.tenant_id = ?""".formatted(value), entry.getKey(), tenant);
        }
        return rows;
    }

    /** {@code members} members ({@code m1..}) in the team, as an import would add them. */
    void members(String tenant, String team, int members) throws SQLException {
        update("""
                INSERT INTO team_member (tenant_id, id, team_id, external_id, role, created_at, updated_at, version)
                SELECT ?, gen_random_uuid(), ?::uuid, 'm' || g, 'MEMBER', now(), now(), 0 FROM generate_series(1, ?) g""",
                tenant, team, members);
    }

    /**
     * pgbench's own seats: {@code seats} members of the team, each with a claimed seat in the (open) assessment, whose
     * claimant hash is the seat number ({@code claimant_hash = '1'} to {@code 'seats'}), so that a pgbench script can
     * pick one at random without a lookup.
     */
    void pgbenchSeats(String tenant, String team, String assessment, int seats) throws SQLException {
        update("""
                INSERT INTO team_member (tenant_id, id, team_id, external_id, role, created_at, updated_at, version)
                SELECT ?, lpad(to_hex(g), 32, '0')::uuid, ?::uuid, 'pgbench-' || g, 'MEMBER', now(), now(), 0
                FROM generate_series(1, ?) g""", tenant, team, seats);
        update("""
                INSERT INTO invitation (tenant_id, id, assessment_id, member_id, code_hash, claimant_hash, claimed_at,
                    status, delivery, expires_at, created_at, updated_at, version)
                SELECT ?, lpad(to_hex(g), 32, '0')::uuid, ?::uuid, lpad(to_hex(g), 32, '0')::uuid, NULL,
                    g::text, now(), 'CLAIMED', 'CODE', now() + interval '30 days', now(), now(), 0
                FROM generate_series(1, ?) g""", tenant, assessment, seats);
    }

    /** Fresh statistics and visibility, as autovacuum leaves them shortly after a bulk load. */
    void analyze() throws SQLException {
        execute("VACUUM (ANALYZE)");
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
