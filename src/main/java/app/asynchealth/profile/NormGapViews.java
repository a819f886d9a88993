package app.asynchealth.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import app.asynchealth.assessment.Assessment;
import app.asynchealth.benchmark.Benchmark;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.charter.CharterNorms;
import app.asynchealth.charter.ChartersInEffect;
import app.asynchealth.charter.ChartersInEffect.CharterInEffect;
import app.asynchealth.profile.ProfileRepresentations.ContextFigure;
import app.asynchealth.profile.ProfileRepresentations.NormGapView;
import app.asynchealth.profile.ProfileRepresentations.NormStatus;
import app.asynchealth.profile.ProfileRepresentations.NormView;
import app.asynchealth.scoring.Rounding;
import app.asynchealth.scoring.core.Aggregates;
import app.asynchealth.scoring.core.Intervals.Range;
import app.asynchealth.scoring.core.NormGaps;
import app.asynchealth.scoring.core.NormGaps.NormGap;
import app.asynchealth.scoring.core.ScoringModel;

/**
 * The norm gap of a profile: the team's charter in effect at the given moment, each stated norm beside the perception
 * the round's aggregates show, under the same per-figure threshold as the rest of the profile.
 */
@ApplicationScoped
public class NormGapViews {

    private final ChartersInEffect charters;
    private final BenchmarkDataset benchmarks;

    NormGapViews(ChartersInEffect charters, BenchmarkDataset benchmarks) {
        this.charters = charters;
        this.benchmarks = benchmarks;
    }

    /**
     * @param moment when the round closed, or when its live snapshot is taken
     * @param newAnswers per question, its answers since the last live snapshot; null when none is renewed
     */
    public NormGapView of(Assessment assessment, ScoringModel model, Aggregates aggregates, Instant moment,
            Map<String, Long> newAnswers) {
        return charters.at(assessment.teamId, moment)
                .map(charter -> compared(charter, assessment, model, aggregates, newAnswers))
                .orElseGet(() -> new NormGapView(null, null,
                        "The team had no charter when these responses were counted: write one (PUT /api/v1/teams/{teamId}/charter) to see its norms beside what members perceive.",
                        List.of()));
    }

    private NormGapView compared(CharterInEffect charter, Assessment assessment, ScoringModel model,
            Aggregates aggregates, Map<String, Long> newAnswers) {
        List<NormGap> gaps = new NormGaps(model).compute(aggregates,
                CharterNorms.of(charter.content(), charter.version()), assessment.anonymityThreshold, newAnswers);
        return new NormGapView(charter.version(), charter.createdAt(), null, gaps.stream().map(this::view).toList());
    }

    private NormView view(NormGap gap) {
        return view(gap, benchmarks::benchmark);
    }

    public static NormView view(NormGap gap, Function<String, Benchmark> benchmarks) {
        NormGaps.StatedNorm norm = gap.norm();
        Range interval = gap.interval();
        Range difference = gap.differenceInterval();
        List<ContextFigure> context = norm.context().stream().map(benchmarks)
                .map(b -> new ContextFigure(b.key(), b.value(), b.unit(), b.population(), b.measure(), b.quote()))
                .toList();
        return new NormView(norm.key(), norm.area(), norm.statement(), norm.perception(), norm.question(),
                norm.isShare() ? "share" : "mean", norm.isShare() ? norm.departing().stream().sorted().toList() : null,
                status(gap.status()), gap.answered(), Rounding.round(gap.value()),
                // As a metric's interval (half up), so one interval reads the same in both places; the difference
                // interval, which carries a verdict, rounds outwards as a metric's difference does.
                interval == null ? null : Rounding.round(interval.lower()),
                interval == null ? null : Rounding.round(interval.upper()), norm.stated(),
                Rounding.round(gap.difference()), Rounding.lower(difference), Rounding.upper(difference),
                ProfileViews.verdict(gap.verdict()), context.isEmpty() ? null : context);
    }

    private static NormStatus status(NormGaps.Status status) {
        return switch (status) {
            case AVAILABLE -> NormStatus.AVAILABLE;
            case SUPPRESSED -> NormStatus.SUPPRESSED;
            case NOT_MEASURED -> NormStatus.NOT_MEASURED;
        };
    }
}
