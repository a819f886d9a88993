package app.asynchealth.response;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.id.uuid.UuidVersion7Strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<AssessmentResponse, UUID> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes a response's answers in one statement, whatever their number: one array per column, unnested into rows
     * (issue 15: one INSERT instead of a JDBC batch of one INSERT per answer). Ids are UUIDv7, as {@link Answer}'s own
     * generator makes them; a multiple choice travels as a JSON array, since the rows' arrays differ in length.
     */
    public void insertAnswers(AssessmentResponse response, List<AnswerValue> values) {
        int n = values.size();
        if (n == 0) {
            return;
        }
        SharedSessionContractImplementor session = getEntityManager().unwrap(SharedSessionContractImplementor.class);
        String[] ids = new String[n];
        String[] keys = new String[n];
        String[] numbers = new String[n];
        String[] choices = new String[n];
        String[] multiple = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            AnswerValue value = values.get(i);
            ids[i] = UuidVersion7Strategy.INSTANCE.generateUuid(session).toString();
            keys[i] = value.questionKey();
            numbers[i] = value.number() == null ? null : value.number().toPlainString();
            choices[i] = value.choice();
            multiple[i] = value.choices() == null ? null : json(value.choices());
            texts[i] = value.text();
        }
        getEntityManager().createNativeQuery("""
                INSERT INTO answer (tenant_id, id, response_id, assessment_id, question_key, number_value, choice_value,
                    choice_values, text_value)
                SELECT :tenant, a.id::uuid, :response, :assessment, a.question_key, a.number_value::numeric,
                    a.choice_value,
                    CASE WHEN a.choice_values IS NULL THEN NULL
                         ELSE ARRAY(SELECT c.value FROM jsonb_array_elements_text(a.choice_values::jsonb)
                             WITH ORDINALITY AS c(value, position) ORDER BY c.position) END,
                    a.text_value
                FROM unnest(CAST(:ids AS text[]), CAST(:keys AS text[]), CAST(:numbers AS text[]),
                    CAST(:choices AS text[]), CAST(:multiple AS text[]), CAST(:texts AS text[]))
                    AS a(id, question_key, number_value, choice_value, choice_values, text_value)""")
                .setParameter("tenant", response.tenantId).setParameter("response", response.id)
                .setParameter("assessment", response.assessmentId).setParameter("ids", ids)
                .setParameter("keys", keys).setParameter("numbers", numbers).setParameter("choices", choices)
                .setParameter("multiple", multiple).setParameter("texts", texts).executeUpdate();
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slot's response, locked so that concurrent writes to one response queue up instead of interleaving. */
    /** Native SQL: Hibernate 7.2 translates an HQL query with a lock anew on every execution (see InvitationRepository). */
    public Optional<AssessmentResponse> findForUpdate(UUID assessmentId, String slot) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM response WHERE assessment_id = ?1 AND slot = ?2 LIMIT 1 FOR NO KEY UPDATE""",
                AssessmentResponse.class)
                .setParameter(1, assessmentId).setParameter(2, slot)
                .getResultStream().findFirst().map(AssessmentResponse.class::cast);
    }

    public Optional<AssessmentResponse> find(UUID assessmentId, String slot) {
        return find("assessmentId = ?1 and slot = ?2", assessmentId, slot).firstResultOptional();
    }

    public List<Answer> answers(UUID responseId) {
        return getEntityManager().createQuery("from Answer a where a.responseId = :r order by a.questionKey", Answer.class)
                .setParameter("r", responseId).getResultList();
    }

    public void deleteAnswers(UUID responseId) {
        getEntityManager().createQuery("delete from Answer a where a.responseId = :r")
                .setParameter("r", responseId).executeUpdate();
    }
}
