package app.asynchealth.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.action.ActionRepresentations.EffectVerdict;
import app.asynchealth.action.ActionRepresentations.EffectView;
import app.asynchealth.action.ActionRepresentations.RoundFigure;
import app.asynchealth.action.FinalProfiles.FinalProfile;
import app.asynchealth.action.FinalProfiles.ShownMetric;
import app.asynchealth.assessment.Assessment;
import app.asynchealth.assessment.AssessmentRepository;
import app.asynchealth.assessment.AssessmentStatus;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.scoring.FigureStatus;
import app.asynchealth.scoring.ProfileComputation;
import app.asynchealth.scoring.Rounding;
import app.asynchealth.scoring.SqlAggregates;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.MetricSample.Published;
import app.asynchealth.scoring.core.MetricSample.Sample;
import app.asynchealth.scoring.core.MetricSample;
import app.asynchealth.scoring.core.RoundChange.Change;
import app.asynchealth.scoring.core.RoundChange;
import app.asynchealth.scoring.core.ScoringModel.MetricDefinition;
import app.asynchealth.scoring.core.ScoringModel;
import app.asynchealth.tenant.Tenant;

/**
 * The measured effect of team actions: an action's metric in its baseline round and in the round that measures it,
 * and the change between them (see {@link RoundChange}). Computed when read, from the rounds' aggregates, never
 * stored: actions change after rounds close. The anonymity rule is the profiles': a round's figure is shown only
 * where that round's final profile publishes it, and a change only where both are. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ActionEffects {

    private final AssessmentRepository assessments;
    private final TeamActionRepository actions;
    private final FinalProfiles profiles;
    private final ProfileComputation computation;
    private final SqlAggregates aggregates;

    ActionEffects(AssessmentRepository assessments, TeamActionRepository actions, FinalProfiles profiles,
            ProfileComputation computation, SqlAggregates aggregates) {
        this.assessments = assessments;
        this.actions = actions;
        this.profiles = profiles;
        this.computation = computation;
        this.aggregates = aggregates;
    }

    /** An action's measurement: its baseline figure and, once a later round measured it, that figure and the change. */
    public record Measurement(Figure baseline, Figure measured, Change change, MetricDefinition metric) {
    }

    /** One round's figure of the metric; sample is null when it is not published. */
    public record Figure(Assessment round, FigureStatus status, long respondents, Integer answered, Sample sample) {

        boolean published() {
            return status == FigureStatus.AVAILABLE && sample != null;
        }
    }

    /** Measurements of many actions in one request: each round's profile, model and aggregates read once. */
    public Session session(Tenant tenant) {
        return new Session(tenant);
    }

    /** An action a closed round measures, and its measurement. */
    public record Measured(TeamAction action, Measurement measurement) {
    }

    /** The actions a closed round measures (the profile shows them); empty for a round that measures none. */
    public List<Measured> measuredIn(Assessment round, Tenant tenant) {
        if (round.status != AssessmentStatus.CLOSED || round.closedAt == null) {
            return List.of();
        }
        List<TeamAction> candidates = actions.adoptedBefore(round.teamId, round.closedAt, round.id);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Session session = session(tenant);
        List<Measured> measured = new ArrayList<>();
        for (TeamAction action : candidates) {
            Optional<Assessment> in = session.measuringRound(action);
            if (in.isEmpty() || !in.get().id.equals(round.id)) {
                continue;
            }
            measured.add(new Measured(action, session.measure(action)));
        }
        return measured;
    }

    /** The baseline figure as the API shows it; without numbers when the caller may not read the round's profile. */
    static RoundFigure baselineView(Figure figure, boolean withFigures) {
        Assessment round = figure.round();
        if (!withFigures) {
            return new RoundFigure(round.id, round.title, round.round, round.closedAt, null, null, null, null, null, null);
        }
        Sample sample = figure.published() ? figure.sample() : null;
        return new RoundFigure(round.id, round.title, round.round, round.closedAt, figure.status(), figure.respondents(),
                figure.answered(), sample == null ? null : Rounding.round(sample.value()),
                sample == null ? null : Rounding.lower(sample.interval()),
                sample == null ? null : Rounding.upper(sample.interval()));
    }

    static EffectView effectView(Measurement m, boolean withFigures) {
        Figure figure = m.measured();
        Assessment round = figure.round();
        if (!withFigures) {
            return new EffectView(round.id, round.title, round.round, round.closedAt, null, null, null, null, null, null,
                    null, null, null, null, null, null);
        }
        Sample sample = figure.published() ? figure.sample() : null;
        Change change = m.change();
        String reason = change != null ? null
                : !figure.published() ? "This round's figure is suppressed: fewer answered the metric's question than its anonymity threshold."
                : !m.baseline().published() ? "The baseline round's figure is suppressed: fewer answered the metric's question than its anonymity threshold."
                : "Too few answers to compute an interval of the change.";
        return new EffectView(round.id, round.title, round.round, round.closedAt, figure.status(), figure.respondents(),
                figure.answered(), sample == null ? null : Rounding.round(sample.value()),
                sample == null ? null : Rounding.lower(sample.interval()),
                sample == null ? null : Rounding.upper(sample.interval()),
                change == null ? null : Rounding.round(change.value()),
                change == null ? null : Rounding.lower(change.interval()),
                change == null ? null : Rounding.upper(change.interval()), change == null ? null : verdict(change),
                change == null ? null : change.method(), reason);
    }

    public static EffectVerdict verdict(Change change) {
        return change.verdict() == null ? null : switch (change.verdict()) {
            case IMPROVED -> EffectVerdict.IMPROVED;
            case WORSENED -> EffectVerdict.WORSENED;
            case WITHIN_NOISE -> EffectVerdict.WITHIN_NOISE;
        };
    }

    /** Caches of one request. */
    public final class Session {

        private final Tenant tenant;
        private final Map<UUID, Assessment> rounds = new HashMap<>();
        private final Map<UUID, List<Assessment>> closedOfTeam = new HashMap<>();
        private final Map<UUID, Optional<ScoringModel>> models = new HashMap<>();
        private final Map<UUID, Map<String, Figure>> figures = new HashMap<>();

        private Session(Tenant tenant) {
            this.tenant = tenant;
        }

        public Measurement measure(TeamAction action) {
            Assessment baseline = round(action.baselineAssessmentId);
            ScoringModel model = model(baseline).orElse(null);
            MetricDefinition metric = model == null ? null
                    : model.metrics().stream().filter(m -> m.key().equals(action.metric)).findFirst().orElse(null);
            Figure before = figure(baseline, metric);
            Figure after = measuringRound(action).map(round -> figure(round, metric)).orElse(null);
            Change change = after != null && before.published() && after.published()
                    ? RoundChange.between(before.sample(), after.sample(), metric.healthier())
                    : null;
            return new Measurement(before, after, change, metric);
        }

        /**
         * The round that measures the action: the team's first closed round of the baseline's template (so of the same
         * scoring model) that closed after the action was adopted and after the baseline closed.
         */
        public Optional<Assessment> measuringRound(TeamAction action) {
            Assessment baseline = round(action.baselineAssessmentId);
            Instant after = baseline.closedAt == null || action.createdAt.isAfter(baseline.closedAt) ? action.createdAt
                    : baseline.closedAt;
            return closedOf(action.teamId).stream()
                    .filter(round -> !round.id.equals(baseline.id) && round.closedAt.isAfter(after)
                            && round.templateKey.equals(baseline.templateKey)
                            && round.templateVersion == baseline.templateVersion)
                    .findFirst();
        }

        private List<Assessment> closedOf(UUID teamId) {
            return closedOfTeam.computeIfAbsent(teamId, team -> assessments.list(
                    "teamId = ?1 and status = ?2 and closedAt is not null order by closedAt, id", team,
                    AssessmentStatus.CLOSED));
        }

        private Assessment round(UUID id) {
            return rounds.computeIfAbsent(id, key -> assessments.findByIdOptional(key)
                    .orElseThrow(() -> ProblemException.notFound("Assessment")));
        }

        private Optional<ScoringModel> model(Assessment round) {
            return models.computeIfAbsent(round.id, key -> {
                try {
                    return Optional.of(computation.model(round));
                } catch (ProblemException noModel) {
                    return Optional.empty();
                }
            });
        }

        /** The round's figure as its final profile publishes it, its sample taken from the round's aggregates. */
        private Figure figure(Assessment round, MetricDefinition metric) {
            String key = metric == null ? "" : metric.key();
            return figures.computeIfAbsent(round.id, id -> new HashMap<>()).computeIfAbsent(key, k -> {
                FinalProfile profile = profiles.of(round, tenant);
                if (metric == null || !profile.available() || profile.metrics() == null) {
                    return new Figure(round, FigureStatus.SUPPRESSED, profile.respondents(), null, null);
                }
                ShownMetric shown = profile.metrics().get(metric.key());
                if (shown == null || !shown.published()) {
                    return new Figure(round, FigureStatus.SUPPRESSED, profile.respondents(),
                            shown == null ? null : shown.answered(), null);
                }
                Aggregates counted = aggregates.of(List.of(round.id), model(round).orElseThrow());
                Sample sample = MetricSample.of(metric, counted);
                if (counted.respondents() != profile.respondents() || sample == null || sample.n() != shown.answered()) {
                    // The final profile is a live snapshot that left out the last few responses to keep them anonymous:
                    // the aggregates of all responses would show them, so the figure is the one the profile published.
                    sample = new Published(shown.answered(), shown.value(),
                            shown.lower() == null ? null : new Range(shown.lower(), shown.upper()));
                }
                return new Figure(round, FigureStatus.AVAILABLE, profile.respondents(), shown.answered(), sample);
            });
        }
    }
}
