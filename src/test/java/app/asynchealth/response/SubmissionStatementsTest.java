package app.asynchealth.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import app.asynchealth.support.Api;
import app.asynchealth.support.StatementCounter;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What one submission costs the database: the statements Hibernate sends for a first {@code PUT .../response} with a
 * respondent credential and a whole questionnaire, {@code submitted: true} (issue 15). The limit may only go down.
 * Also prints a rough time per submission (one client, then four), for bench/README.md; nothing is asserted on time.
 */
@QuarkusTest
class SubmissionStatementsTest {

    /** Statements Hibernate sends per submission (a JDBC batch counts once): 8 before issue 15, one a batch of 17 INSERTs. */
    static final int STATEMENT_LIMIT = 6;

    static final int WARM_UP = 20;
    static final int SEQUENTIAL = 40;
    static final int PARALLEL = 60;
    static final int CLIENTS = 4;

    @Test
    void aSubmissionSendsNoMoreStatementsThanBefore() throws Exception {
        String tenant = Api.newTenant();
        String team = Api.newTeam(tenant, "Statements");
        String assessment = Api.newAssessment(tenant, team);
        int respondents = WARM_UP + 1 + SEQUENTIAL + PARALLEL;
        for (int i = 0; i < respondents; i++) {
            Api.newMember(tenant, team, Map.of("externalId", "s" + i));
        }
        List<String> credentials = Api.invite(tenant, assessment).getList("issued.code", String.class).stream()
                .map(Api::claim).toList();
        assertThat(credentials).hasSize(respondents);
        Api.open(tenant, assessment);

        int next = 0;
        for (; next < WARM_UP; next++) {
            submit(credentials.get(next), assessment, next);
        }

        StatementCounter.start();
        submit(credentials.get(next), assessment, next);
        List<String> statements = StatementCounter.stop();
        next++;
        System.out.println("SUBMISSION statements=" + statements.size());
        statements.forEach(sql -> System.out.println("SUBMISSION   " + sql));

        long start = System.nanoTime();
        for (int i = 0; i < SEQUENTIAL; i++, next++) {
            submit(credentials.get(next), assessment, next);
        }
        double sequentialMs = (System.nanoTime() - start) / 1e6 / SEQUENTIAL;

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger cursor = new AtomicInteger(next);
        int end = next + PARALLEL;
        start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                for (int i = cursor.getAndIncrement(); i < end; i = cursor.getAndIncrement()) {
                    submit(credentials.get(i), assessment, i);
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        double parallelSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("SUBMISSION timing: %.2f ms per submission (1 client, %d); %.0f submissions/s (%d clients, %d)%n",
                sequentialMs, SEQUENTIAL, PARALLEL / parallelSeconds, CLIENTS, PARALLEL);

        assertThat(statements).hasSizeLessThanOrEqualTo(STATEMENT_LIMIT);
    }

    private static void submit(String credential, String assessment, int i) {
        Api.as(credential).body(AnsweringWalkthroughTest.answers(i % 40)).put("/api/v1/assessments/{id}/response", assessment)
                .then().statusCode(201);
    }
}
