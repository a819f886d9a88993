package app.asynchealth.integration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.integration.OrganizationRepresentations.LevelCount;
import app.asynchealth.integration.OrganizationRepresentations.OrganizationDimension;
import app.asynchealth.integration.OrganizationRepresentations.OrganizationMetric;
import app.asynchealth.integration.OrganizationRepresentations.OrganizationProfile;
import app.asynchealth.integration.OrganizationRepresentations.RollupStatus;
import app.asynchealth.integration.OrganizationRepresentations.TeamBasis;
import app.asynchealth.integration.OrganizationRepresentations.TeamCounts;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.profile.AssessmentProfiles;
import app.asynchealth.profile.ProfileRepresentations.DimensionView;
import app.asynchealth.profile.ProfileRepresentations.MetricView;
import app.asynchealth.profile.ProfileRepresentations.ProfileStatus;
import app.asynchealth.profile.ProfileRepresentations.ProfileView;
import app.asynchealth.scoring.ScoringModels;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.team.TeamRepository;
import app.asynchealth.tenant.Tenant;
import app.asynchealth.tenant.TenantRepository;

/**
 * The organisation's profile: every team's latest closed round, rolled up. Only teams whose own profile is available
 * count, and every figure is computed from those published team figures (respondent-weighted), never from answers.
 * So the organisation figure minus the visible teams is nothing, and two organisation figures taken at different times
 * differ only by published team profiles: a suppressed team cannot be recovered by differencing. Suppressed teams are
 * counted, nothing more. The same holds figure by figure: a team's dimension score or metric that its own profile
 * suppresses (too few answers) enters nothing here, and a pooled figure below the threshold is suppressed too.
 */
@ApplicationScoped
@Transactional
public class OrganizationRollup {

    private final AssessmentRepository assessments;
    private final TeamRepository teams;
    private final AssessmentProfiles profiles;
    private final ScoringModels models;
    private final TenantRepository tenants;
    private final Caller caller;

    OrganizationRollup(AssessmentRepository assessments, TeamRepository teams, AssessmentProfiles profiles,
            ScoringModels models, TenantRepository tenants, Caller caller) {
        this.assessments = assessments;
        this.teams = teams;
        this.profiles = profiles;
        this.models = models;
        this.tenants = tenants;
        this.caller = caller;
    }

    public OrganizationProfile profile() {
        Tenant tenant = caller.tenantId().flatMap(tenants::findByIdOptional)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
        int threshold = tenant.anonymityThreshold;
        Map<UUID, Assessment> latest = new LinkedHashMap<>();
        for (Assessment assessment : assessments.latestClosedPerTeam()) {
            latest.put(assessment.teamId, assessment); // two rounds closed in the same instant: the later id wins
        }
        List<TeamBasis> basis = new ArrayList<>();
        List<ProfileView> included = new ArrayList<>();
        // The stored final profiles, read in one query (see docs/scoring.md, section 8, "Closed profiles are kept").
        Map<UUID, ProfileView> finalProfiles = profiles.closedFigures(List.copyOf(latest.values()), tenant);
        for (Assessment assessment : latest.values()) {
            ProfileView profile = finalProfiles.get(assessment.id);
            boolean available = profile.status() == ProfileStatus.AVAILABLE;
            if (available) {
                included.add(profile);
            }
            basis.add(new TeamBasis(assessment.teamId, assessment.id, assessment.round, assessment.closedAt,
                    available ? ProfileStatus.AVAILABLE : ProfileStatus.SUPPRESSED,
                    available ? profile.respondents() : null));
        }
        TeamCounts counts = new TeamCounts(teams.count(), latest.size(), included.size(), latest.size() - included.size());
        if (included.isEmpty()) {
            String reason = latest.isEmpty() ? "No team has a closed assessment yet."
                    : "No team's latest round reached the anonymity threshold (" + threshold + "): nothing can be shown.";
            return new OrganizationProfile(tenant.id, latest.isEmpty() ? RollupStatus.PENDING : RollupStatus.SUPPRESSED,
                    reason, threshold, counts, 0, null, null, null, List.of(), List.of(), basis);
        }
        ScoringModel model = models.builtIn();
        long respondents = included.stream().mapToLong(ProfileView::respondents).sum();
        Double score = weighted(included, profile -> profile.score(), ProfileView::respondents);
        List<OrganizationDimension> dimensions = new ArrayList<>();
        for (String key : model.dimensions().keySet()) {
            dimensions.add(dimension(key, included, model, threshold));
        }
        return new OrganizationProfile(tenant.id, RollupStatus.AVAILABLE, null, threshold, counts, respondents,
                round(score), score == null ? null : model.levelFor(score).level(),
                score == null ? null : model.levelFor(score).name(),
                levelDistribution(model, included.stream().map(ProfileView::level).toList()), dimensions, basis);
    }

    private static OrganizationDimension dimension(String key, List<ProfileView> included, ScoringModel model,
            int threshold) {
        List<DimensionView> cells = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        for (ProfileView profile : included) {
            profile.dimensions().stream().filter(d -> d.key().equals(key) && d.published()).findFirst()
                    .ifPresent(d -> {
                        cells.add(d);
                        weights.add(profile.respondents());
                    });
        }
        long respondents = weights.stream().mapToLong(Long::longValue).sum();
        if (cells.isEmpty() || respondents < threshold) {
            return new OrganizationDimension(key, RollupStatus.SUPPRESSED, cells.size(), respondents, null, null, null,
                    List.of(), List.of());
        }
        double sum = 0;
        for (int i = 0; i < cells.size(); i++) {
            sum += cells.get(i).score() * weights.get(i);
        }
        double score = sum / respondents;
        return new OrganizationDimension(key, RollupStatus.AVAILABLE, cells.size(), respondents, round(score),
                model.levelFor(score).level(), model.levelFor(score).name(),
                levelDistribution(model, cells.stream().map(DimensionView::level).toList()), metrics(cells, threshold));
    }

    /**
     * Each metric pooled over the teams that publish it: the mean of published team values weighted by who answered. A
     * team metric that too few answered is never shown, so it is left out here too, or the pooled value minus the
     * published ones would give it away.
     */
    private static List<OrganizationMetric> metrics(List<DimensionView> cells, int threshold) {
        Map<String, MetricView> first = new LinkedHashMap<>();
        Map<String, List<MetricView>> byKey = new LinkedHashMap<>();
        for (DimensionView cell : cells) {
            for (MetricView metric : cell.metrics()) {
                first.putIfAbsent(metric.key(), metric);
                List<MetricView> published = byKey.computeIfAbsent(metric.key(), k -> new ArrayList<>());
                if (metric.published()) {
                    published.add(metric);
                }
            }
        }
        List<OrganizationMetric> metrics = new ArrayList<>();
        for (Map.Entry<String, List<MetricView>> entry : byKey.entrySet()) {
            List<MetricView> values = entry.getValue();
            MetricView described = first.get(entry.getKey());
            int answered = values.stream().mapToInt(MetricView::answered).sum();
            // Like for like: the pooled value has a figure only when every team's metric is compared with the same one.
            List<String> figures = (values.isEmpty() ? List.of(described) : values).stream()
                    .map(MetricView::benchmarkKey).distinct().toList();
            MetricView figure = figures.size() == 1 && figures.get(0) != null
                    ? (values.isEmpty() ? described : values.get(0)) : null;
            // A team's threshold may be below the tenant's current one (raised since): the pool must reach it too.
            if (values.isEmpty() || answered < threshold) {
                metrics.add(new OrganizationMetric(described.key(), described.label(), described.kind(),
                        RollupStatus.SUPPRESSED, null, answered, values.size(), figure == null ? null : figure.benchmarkKey(),
                        figure == null ? null : figure.benchmarkValue(), figure == null ? null : figure.benchmarkUnit(),
                        figure == null ? null : figure.benchmarkPopulation(),
                        figure == null ? null : figure.benchmarkQuote(), null, described.healthier()));
                continue;
            }
            double value = values.stream().mapToDouble(m -> m.value() * m.answered()).sum() / answered;
            metrics.add(new OrganizationMetric(described.key(), described.label(), described.kind(),
                    RollupStatus.AVAILABLE, round(value), answered, values.size(), figure == null ? null : figure.benchmarkKey(),
                    figure == null ? null : figure.benchmarkValue(), figure == null ? null : figure.benchmarkUnit(),
                    figure == null ? null : figure.benchmarkPopulation(), figure == null ? null : figure.benchmarkQuote(),
                    figure == null ? null : round(value - figure.benchmarkValue()), described.healthier()));
        }
        return metrics;
    }

    private static List<LevelCount> levelDistribution(ScoringModel model, List<Integer> levels) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (ScoringModel.LevelBand band : model.levels()) {
            counts.put(band.level(), 0);
        }
        for (Integer level : levels) {
            if (level != null) {
                counts.merge(level, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(entry -> new LevelCount(entry.getKey(), model.levelName(entry.getKey()), entry.getValue())).toList();
    }

    private static <T> Double weighted(List<T> items, java.util.function.Function<T, Double> value,
            java.util.function.ToLongFunction<T> weight) {
        double sum = 0;
        long total = 0;
        for (T item : items) {
            Double v = value.apply(item);
            if (v != null) {
                sum += v * weight.applyAsLong(item);
                total += weight.applyAsLong(item);
            }
        }
        return total == 0 ? null : sum / total;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
