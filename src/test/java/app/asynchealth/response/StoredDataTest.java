package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.asynchealth.platform.security.TokenHashes;
import app.asynchealth.support.AsTenant;
import app.asynchealth.support.RichTenant;
import app.asynchealth.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the database holds, read with native SQL: answers and responses carry nothing that leads to a member (no such
 * column, and no value equal to a member id or subject), and claim codes, respondent credentials and integration
 * tokens are stored only as hashes, their raw values in no column of any table.
 */
@QuarkusTest
class StoredDataTest {

    @Inject
    AsTenant asTenant;
    @Inject
    EntityManager entityManager;

    WebhookReceiver receiver;
    RichTenant tenant;

    @BeforeEach
    void answeredTenant() {
        receiver = new WebhookReceiver();
        tenant = new RichTenant(receiver);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    List<String> strings(String sql) {
        return asTenant.call(tenant.id, () -> entityManager.createNativeQuery(sql).getResultList().stream()
                .map(String::valueOf).toList());
    }

    @Test
    void noColumnOfResponsesOrAnswersCanHoldAMember() {
        List<String> response = strings("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = 'response' ORDER BY ordinal_position""");
        List<String> answer = strings("""
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = 'answer' ORDER BY ordinal_position""");
        // The exact columns: a new one needs a look at whether it links an answer to a person.
        assertThat(response).containsExactlyInAnyOrder("tenant_id", "id", "assessment_id", "slot", "status",
                "submitted_at", "created_at", "updated_at", "version");
        assertThat(answer).containsExactlyInAnyOrder("tenant_id", "id", "response_id", "assessment_id", "question_key",
                "number_value", "choice_value", "choice_values", "text_value");
        assertThat(response).noneMatch(column -> column.matches(".*(member|subject|email|claimant|invitation|user).*"));
        assertThat(answer).noneMatch(column -> column.matches(".*(member|subject|email|claimant|invitation|user).*"));
    }

    @Test
    void noStoredResponseOrAnswerHoldsAMemberIdOrSubject() {
        List<String> rows = new ArrayList<>(strings("SELECT r::text FROM response r"));
        rows.addAll(strings("SELECT a::text FROM answer a"));
        // Every answer of both rounds: 5 + 5 by account, 1 by a claimed code.
        assertThat(strings("SELECT count(*) FROM response")).containsExactly(
                Integer.toString(2 * RichTenant.RESPONDENTS + 1));
        List<String> people = new ArrayList<>(tenant.memberIds);
        people.addAll(tenant.subjects);
        people.add(tenant.memberEmail);
        assertThat(people).hasSizeGreaterThan(2 * RichTenant.RESPONDENTS);
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(people).noneSatisfy(
                person -> assertThat(row).contains(person)));
    }

    @Test
    void codesCredentialsAndIntegrationTokensAreStoredOnlyAsHashes() {
        List<String> secrets = List.of(tenant.pendingCode, tenant.integrationToken, tenant.respondentCredential,
                signature(tenant.integrationToken), signature(tenant.respondentCredential));
        List<String> tables = strings("""
                SELECT table_name::text FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1""");
        int rowsRead = 0;
        for (String table : tables) {
            // Every row the service's role can read of every table (its own tenant's, by row-level security).
            List<String> rows = asTenant.call(tenant.id, () -> {
                try {
                    return entityManager.createNativeQuery("SELECT t::text FROM " + table + " t").getResultList()
                            .stream().map(String::valueOf).toList();
                } catch (RuntimeException notGranted) {
                    return List.<String>of(); // a table the service's role may not read at all
                }
            });
            rowsRead += rows.size();
            assertThat(rows).as(table).allSatisfy(row -> assertThat(secrets).noneSatisfy(
                    secret -> assertThat(row).contains(secret)));
        }
        assertThat(rowsRead).isGreaterThan(100);
        // What is stored instead: their SHA-256.
        assertThat(strings("SELECT code_hash FROM invitation WHERE id = cast('" + tenant.pendingInvitation + "' as uuid)"))
                .containsExactly(TokenHashes.sha256(tenant.pendingCode));
        assertThat(strings("SELECT token_hash FROM integration_token WHERE id = cast('" + tenant.integrationTokenId
                + "' as uuid)")).containsExactly(TokenHashes.sha256(tenant.integrationToken));
    }

    /** The signature part of a JWT: enough on its own to matter, were it stored. */
    static String signature(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }
}
