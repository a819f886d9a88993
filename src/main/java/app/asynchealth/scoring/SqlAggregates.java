package app.asynchealth.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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

    public Aggregates of(Collection<UUID> assessmentIds, ScoringModel model) {
        UUID[] assessments = assessmentIds.toArray(UUID[]::new);
        Number respondents = (Number) entityManager.createNativeQuery("""
                SELECT count(*) FROM response r
                WHERE r.status = 'SUBMITTED' AND r.assessment_id = ANY(?1)""")
                .setParameter(1, assessments).getSingleResult();
        return new Aggregates(respondents.intValue(), categorical(assessments, model), numeric(assessments, model));
    }

    private Map<String, Map<String, Long>> categorical(UUID[] assessments, ScoringModel model) {
        String[] questions = model.questions().entrySet().stream().filter(entry -> entry.getValue().linear() == null)
                .map(Map.Entry::getKey).toArray(String[]::new);
        List<Object[]> rows = rows(entityManager.createNativeQuery("""
                SELECT a.question_key, coalesce(a.choice_value, trunc(a.number_value)::int::text), count(*)
                FROM answer a JOIN response r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
                WHERE r.status = 'SUBMITTED' AND r.assessment_id = ANY(?1) AND a.question_key = ANY(?2)
                GROUP BY 1, 2""").setParameter(1, assessments).setParameter(2, questions).getResultList());
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], key -> new TreeMap<>()).put((String) row[1], ((Number) row[2]).longValue());
        }
        return counts;
    }

    private Map<String, NumericStats> numeric(UUID[] assessments, ScoringModel model) {
        List<String> questions = new ArrayList<>();
        List<BigDecimal> zeroAt = new ArrayList<>();
        List<BigDecimal> fullAt = new ArrayList<>();
        List<BigDecimal> below = new ArrayList<>();
        model.questions().forEach((question, scoring) -> {
            if (scoring.linear() != null) {
                questions.add(question);
                zeroAt.add(BigDecimal.valueOf(scoring.linear().zeroAt()));
                fullAt.add(BigDecimal.valueOf(scoring.linear().fullAt()));
                Double threshold = Aggregates.threshold(model, question);
                below.add(threshold == null ? null : BigDecimal.valueOf(threshold));
            }
        });
        Map<String, NumericStats> stats = new TreeMap<>();
        if (questions.isEmpty()) {
            return stats;
        }
        List<Object[]> rows = rows(entityManager.createNativeQuery("""
                SELECT a.question_key, count(*), sum(a.number_value), sum(a.number_value * a.number_value),
                       sum(least(greatest((a.number_value - v.zero_at) * 100 / (v.full_at - v.zero_at), 0), 100)),
                       count(*) FILTER (WHERE a.number_value < v.below)
                FROM answer a JOIN response r ON r.tenant_id = a.tenant_id AND r.id = a.response_id
                JOIN unnest(?2, ?3, ?4, ?5) AS v(question_key, zero_at, full_at, below) ON v.question_key = a.question_key
                WHERE r.status = 'SUBMITTED' AND r.assessment_id = ANY(?1) AND a.number_value IS NOT NULL
                GROUP BY a.question_key""")
                .setParameter(1, assessments).setParameter(2, questions.toArray(String[]::new))
                .setParameter(3, zeroAt.toArray(BigDecimal[]::new)).setParameter(4, fullAt.toArray(BigDecimal[]::new))
                .setParameter(5, below.toArray(BigDecimal[]::new)).getResultList());
        for (Object[] row : rows) {
            stats.put((String) row[0], new NumericStats(((Number) row[1]).longValue(), (BigDecimal) row[2],
                    (BigDecimal) row[3], (BigDecimal) row[4], ((Number) row[5]).longValue()));
        }
        return stats;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(List<?> result) {
        return (List<Object[]>) result;
    }
}
