package app.asynchealth.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.Aggregates.NumericStats;
import app.asynchealth.scoring.core.ScoringModel;

/**
 * The database computes the {@link Aggregates} of the submitted responses of any number of assessments, so that no
 * answer row is loaded into the service: counts per answer for choice and 1-5 questions, and count, sums and clamped
 * linear score sums for number questions, with the same definitions as {@link Aggregates#of}. Row-level security keeps
 * every query inside the caller's tenant.
 */
@ApplicationScoped
public class SqlAggregates {

    private final EntityManager entityManager;

    SqlAggregates(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Few assessments are looked up by index; many are joined and hashed (see {@link #of}). */
    static final int INDEXED_LOOKUP_LIMIT = 20;

    public Aggregates of(Collection<UUID> assessmentIds, ScoringModel model) {
        UUID[] assessments = assessmentIds.toArray(UUID[]::new);
        String selected = assessments.length <= INDEXED_LOOKUP_LIMIT
                ? "(SELECT unnest(?1) AS id LIMIT " + INDEXED_LOOKUP_LIMIT + ")" : "unnest(?1)";
        Number respondents = (Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM response r JOIN %s AS s(id) ON s.id = r.assessment_id
                WHERE r.status = 'SUBMITTED'""".formatted(selected))
                .setParameter(1, assessments).getSingleResult();
        Questions questions = Questions.of(model);
        List<String> numeric = questions.numeric();
        // One pass over the answers: categorical questions grouped by answer, number questions by question alone. The
        // assessments are joined, not compared with ANY, so that many of them hash instead of being scanned per row; a
        // few are given a LIMIT, which tells the planner to expect few rows and use the (assessment, question) index.
        List<Object[]> rows = rows(questions.bind(entityManager.createNativeQuery("""
                SELECT a.question_key,
                       CASE WHEN v.question_key IS NULL
                            THEN coalesce(a.choice_value, trunc(a.number_value)::int::text) END AS answer,
                       count(*), sum(a.number_value), sum(a.number_value * a.number_value),
                       sum(least(greatest((a.number_value - v.zero_at) * 100 / (v.full_at - v.zero_at), 0), 100)),
                       sum(power(least(greatest((a.number_value - v.zero_at) * 100 / (v.full_at - v.zero_at), 0), 100), 2)),
                       count(*) FILTER (WHERE a.number_value < v.below)
                FROM answer a
                JOIN %s AS s(id) ON s.id = a.assessment_id
                JOIN response r ON r.tenant_id = a.tenant_id AND r.id = a.response_id AND r.status = 'SUBMITTED'
                LEFT JOIN unnest(?3, ?4, ?5, ?6) AS v(question_key, zero_at, full_at, below)
                       ON v.question_key = a.question_key
                WHERE a.question_key = ANY(?2)
                GROUP BY 1, 2""".formatted(selected))
                .setParameter(1, assessments)).getResultList());
        Map<String, Map<String, Long>> categorical = new TreeMap<>();
        Map<String, NumericStats> numbers = new TreeMap<>();
        for (Object[] row : rows) {
            String question = (String) row[0];
            long count = ((Number) row[2]).longValue();
            if (numeric.contains(question)) {
                numbers.put(question, new NumericStats(count, (BigDecimal) row[3], (BigDecimal) row[4],
                        (BigDecimal) row[5], (BigDecimal) row[6], ((Number) row[7]).longValue()));
            } else if (row[1] != null) {
                categorical.computeIfAbsent(question, key -> new TreeMap<>()).put((String) row[1], count);
            }
        }
        return new Aggregates(respondents.intValue(), categorical, numbers);
    }

    /**
     * For bulk reads: the aggregates of each assessment on its own (as {@link #of} of that one assessment gives them),
     * for a batch of assessments in two queries instead of two per assessment. An assessment without submitted responses
     * has zero respondents.
     */
    public Map<UUID, Aggregates> ofEach(Collection<UUID> assessmentIds, ScoringModel model) {
        UUID[] assessments = assessmentIds.toArray(UUID[]::new);
        Map<UUID, Integer> respondents = new HashMap<>();
        for (Object[] row : rows(entityManager.createNativeQuery("""
                SELECT r.assessment_id, count(*) FROM response r
                WHERE r.assessment_id = ANY(?1) AND r.status = 'SUBMITTED' GROUP BY 1""")
                .setParameter(1, assessments).getResultList())) {
            respondents.put((UUID) row[0], ((Number) row[1]).intValue());
        }
        Questions questions = Questions.of(model);
        List<String> numeric = questions.numeric();
        // The query of of(), grouped by assessment as well; a batch is few enough for the (assessment, question) index.
        List<Object[]> rows = rows(questions.bind(entityManager.createNativeQuery("""
                SELECT a.assessment_id, a.question_key,
                       CASE WHEN v.question_key IS NULL
                            THEN coalesce(a.choice_value, trunc(a.number_value)::int::text) END AS answer,
                       count(*), sum(a.number_value), sum(a.number_value * a.number_value),
                       sum(least(greatest((a.number_value - v.zero_at) * 100 / (v.full_at - v.zero_at), 0), 100)),
                       sum(power(least(greatest((a.number_value - v.zero_at) * 100 / (v.full_at - v.zero_at), 0), 100), 2)),
                       count(*) FILTER (WHERE a.number_value < v.below)
                FROM answer a
                JOIN response r ON r.tenant_id = a.tenant_id AND r.id = a.response_id AND r.status = 'SUBMITTED'
                LEFT JOIN unnest(?3, ?4, ?5, ?6) AS v(question_key, zero_at, full_at, below)
                       ON v.question_key = a.question_key
                WHERE a.assessment_id = ANY(?1) AND a.question_key = ANY(?2)
                GROUP BY 1, 2, 3""")
                .setParameter(1, assessments)).getResultList());
        Map<UUID, Map<String, Map<String, Long>>> categorical = new HashMap<>();
        Map<UUID, Map<String, NumericStats>> numbers = new HashMap<>();
        for (Object[] row : rows) {
            UUID assessment = (UUID) row[0];
            String question = (String) row[1];
            long count = ((Number) row[3]).longValue();
            if (numeric.contains(question)) {
                numbers.computeIfAbsent(assessment, key -> new TreeMap<>()).put(question, new NumericStats(count,
                        (BigDecimal) row[4], (BigDecimal) row[5], (BigDecimal) row[6], (BigDecimal) row[7],
                        ((Number) row[8]).longValue()));
            } else if (row[2] != null) {
                categorical.computeIfAbsent(assessment, key -> new TreeMap<>())
                        .computeIfAbsent(question, key -> new TreeMap<>()).put((String) row[2], count);
            }
        }
        Map<UUID, Aggregates> each = new HashMap<>();
        for (UUID assessment : assessments) {
            each.put(assessment, new Aggregates(respondents.getOrDefault(assessment, 0),
                    categorical.getOrDefault(assessment, new TreeMap<>()), numbers.getOrDefault(assessment, new TreeMap<>())));
        }
        return each;
    }

    /**
     * Per question, its answers in the assessment's responses submitted after {@code since}: what a renewed live
     * snapshot adds to each question (see {@link app.asynchealth.scoring.core.ProfileCalculator}).
     */
    public Map<String, Long> answeredSince(UUID assessmentId, Instant since) {
        Map<String, Long> answered = new HashMap<>();
        for (Object[] row : rows(entityManager.createNativeQuery("""
                SELECT a.question_key, count(*) FILTER (WHERE a.number_value IS NOT NULL OR a.choice_value IS NOT NULL)
                FROM answer a
                JOIN response r ON r.tenant_id = a.tenant_id AND r.id = a.response_id AND r.status = 'SUBMITTED'
                WHERE a.assessment_id = ?1 AND r.submitted_at > ?2
                GROUP BY 1""").setParameter(1, assessmentId).setParameter(2, since).getResultList())) {
            answered.put((String) row[0], ((Number) row[1]).longValue());
        }
        return answered;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }

    /**
     * The model's scored and segment questions (parameter 2), and the key, linear scaling and threshold of its number questions
     * (parameters 3 to 6), as the aggregate queries take them.
     */
    private record Questions(List<String> scored, List<String> numeric, List<BigDecimal> zeroAt, List<BigDecimal> fullAt,
            List<BigDecimal> below) {

        static Questions of(ScoringModel model) {
            List<String> counted = new ArrayList<>(model.questions().keySet());
            counted.addAll(Aggregates.segmentQuestions(model)); // counted per answer like any choice question
            Questions questions = new Questions(counted, new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            model.questions().forEach((question, scoring) -> {
                if (scoring.linear() != null) {
                    questions.numeric.add(question);
                    questions.zeroAt.add(BigDecimal.valueOf(scoring.linear().zeroAt()));
                    questions.fullAt.add(BigDecimal.valueOf(scoring.linear().fullAt()));
                    Double threshold = Aggregates.threshold(model, question);
                    questions.below.add(threshold == null ? null : BigDecimal.valueOf(threshold));
                }
            });
            return questions;
        }

        Query bind(Query query) {
            return query.setParameter(2, scored.toArray(String[]::new))
                    .setParameter(3, numeric.toArray(String[]::new)).setParameter(4, zeroAt.toArray(BigDecimal[]::new))
                    .setParameter(5, fullAt.toArray(BigDecimal[]::new)).setParameter(6, below.toArray(BigDecimal[]::new));
        }
    }
}
