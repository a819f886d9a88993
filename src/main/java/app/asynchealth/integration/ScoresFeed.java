package app.asynchealth.integration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.profile.AssessmentProfiles;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.MetricView;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.scoring.FigureStatus;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One row per closed assessment and dimension, in the order results became available: each closed assessment gets a
 * feed position when a feed or export request first sees it committed, above every position given before (see
 * {@link AssessmentRepository#assignFeedPositions}). A result never changes once closed, so the keyset (position,
 * dimension) stays correct while results arrive, even when a close commits late or on a replica whose clock is behind:
 * no duplicates, no gaps. Suppressed rows are present and carry no value; within an available profile, a dimension
 * score or metric that too few answered is suppressed on its own (see docs/scoring.md, "Per-figure threshold").
 */
@ApplicationScoped
@Transactional
public class ScoresFeed {

    static final String LIST = "scores";

    private final AssessmentRepository assessments;
    private final AssessmentProfiles profiles;
    private final TenantRepository tenants;
    private final Caller caller;
    private final Pagination pagination;

    ScoresFeed(AssessmentRepository assessments, AssessmentProfiles profiles, TenantRepository tenants, Caller caller,
            Pagination pagination) {
        this.assessments = assessments;
        this.profiles = profiles;
        this.tenants = tenants;
        this.caller = caller;
        this.pagination = pagination;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScoreRow", description = "A closed assessment's result in one dimension, with the dimension's first metric. status is suppressed, with no score, when the profile is, or when none of the dimension's questions was answered by at least the anonymity threshold; metricStatus is available when at least the threshold answered the metric's question, and otherwise the metric has its count (answered) and no value.")
    public record ScoreRow(@Schema(required = true) UUID assessmentId, @Schema(required = true) UUID teamId, int round, @Schema(required = true) Instant closedAt, @Schema(required = true) String dimension,
            @Schema(required = true) ProfileStatus status,
            long respondents, int anonymityThreshold, Double score, Integer level,
            String levelName, String metric,
            FigureStatus metricStatus,
            @Schema(description = "Respondents who answered the metric's question") Integer answered,
            Double value, String benchmarkKey, Double benchmarkValue,
            String benchmarkUnit, String benchmarkPopulation) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScorePage")
    public record ScorePage(@Schema(required = true) List<ScoreRow> items,
            @Schema(description = "Opaque cursor for the next page; absent on the last page") String nextCursor,
            @Schema(description = "Where to resume polling later, when this page is the last for now: after its last row (or your cursor again when it has none). Results that become available later always come after it.") String resumeCursor) {
    }

    record Keyed(String key, ScoreRow row) {
    }

    public ScorePage feed(PageRequest request, Instant updatedSince, UUID teamId, String dimension) {
        Tenant tenant = caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
        Position after = request.after().map(Position::parse).orElse(null);
        QuarkusTransaction.requiringNew().run(() -> assessments.assignFeedPositions(tenant.id));
        StringBuilder query = new StringBuilder("status = :closed and feedPosition is not null");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters
                .with("closed", AssessmentStatus.CLOSED);
        if (updatedSince != null) {
            query.append(" and closedAt >= :since");
            parameters.and("since", updatedSince);
        }
        if (teamId != null) {
            query.append(" and teamId = :team");
            parameters.and("team", teamId);
        }
        if (after != null) {
            query.append(" and feedPosition >= :after");
            parameters.and("after", after.position());
        }
        List<Assessment> closed = assessments.find(query.append(" order by feedPosition").toString(), parameters)
                .range(0, request.fetchSize()).list();
        List<Keyed> rows = new ArrayList<>();
        Map<UUID, ProfileView> finalProfiles = profiles.closedFeedFigures(closed, tenant); // the stored rows, one query
        for (Assessment assessment : closed) {
            ProfileView profile = finalProfiles.get(assessment.id);
            List<String> dimensions = profile.dimensions() != null
                    ? profile.dimensions().stream().map(DimensionView::key).toList()
                    : profiles.dimensionKeys(assessment);
            for (int index = 0; index < dimensions.size() && rows.size() < request.fetchSize(); index++) {
                if (after != null && assessment.feedPosition == after.position() && index <= after.index()) {
                    continue;
                }
                String key = Position.key(assessment, index);
                if (dimension != null && !dimension.equals(dimensions.get(index))) {
                    continue;
                }
                rows.add(new Keyed(key, row(assessment, profile, dimensions.get(index), index)));
            }
        }
        Page<ScoreRow> page = pagination.page(LIST, request, rows, Keyed::key, Keyed::row);
        String resume = rows.isEmpty() ? request.after().map(key -> pagination.cursorAfter(LIST, key)).orElse(null)
                : pagination.cursorAfter(LIST, rows.get(Math.min(rows.size(), request.limit()) - 1).key());
        return new ScorePage(page.items(), page.nextCursor(), resume);
    }

    static ScoreRow row(Assessment assessment, ProfileView profile, String dimension, int index) {
        if (profile.status() != ProfileStatus.AVAILABLE) {
            return new ScoreRow(assessment.id, assessment.teamId, assessment.round, assessment.closedAt, dimension,
                    profile.status(), profile.respondents(), assessment.anonymityThreshold, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
        DimensionView view = profile.dimensions().get(index);
        MetricView metric = view.metrics().isEmpty() ? null : view.metrics().get(0);
        // Each figure on its own: a published score may sit beside a suppressed metric, and the reverse.
        boolean scored = view.published();
        boolean measured = metric != null && metric.published();
        return new ScoreRow(assessment.id, assessment.teamId, assessment.round, assessment.closedAt, dimension,
                scored ? ProfileStatus.AVAILABLE : ProfileStatus.SUPPRESSED, profile.respondents(),
                assessment.anonymityThreshold, scored ? view.score() : null, scored ? view.level() : null,
                scored ? view.levelName() : null, metric == null ? null : metric.key(),
                metric == null ? null : FigureStatus.of(measured), metric == null ? null : metric.answered(),
                measured ? metric.value() : null, metric == null ? null : metric.benchmarkKey(),
                metric == null ? null : metric.benchmarkValue(), metric == null ? null : metric.benchmarkUnit(),
                metric == null ? null : metric.benchmarkPopulation());
    }

    /** A position in the feed: the assessment's feed position, then the dimension's index. */
    record Position(long position, int index) {

        static String key(Assessment assessment, int index) {
            return assessment.feedPosition + ":" + index;
        }

        static Position parse(String raw) {
            try {
                String[] parts = raw.split(":");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(raw);
                }
                return new Position(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this list issued to you");
            }
        }
    }
}
