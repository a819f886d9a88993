package app.asynchealth.charter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the charter API reads and writes; the body of a write is {@link CharterContent} itself. */
public final class CharterRepresentations {

    private CharterRepresentations() {
    }

    @Schema(name = "Charter", description = "One version of a team's communication charter, with its coverage of the report's norms")
    public record CharterView(
            @Schema(required = true) UUID teamId,
            @Schema(description = "1 for the first version, one more for each change") int version,
            @Schema(required = true) CharterContent content,
            @Schema(required = true, description = "The subject of whoever wrote this version") String author,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) CoverageView coverage) {

        static CharterView of(CharterVersion version, CoverageView coverage) {
            return new CharterView(version.teamId, version.version, version.content, version.author,
                    version.createdAt, coverage);
        }
    }

    @Schema(name = "CharterCoverage", description = "How much of the norms the report names the charter states: five areas of named checks. The score is the mean of the areas' shares of checks met (each area weighs the same), times 100, rounded")
    public record CoverageView(
            @Schema(description = "0-100", minimum = "0", maximum = "100") int score,
            @Schema(required = true, description = "communication-guidelines, response-expectations, meetings, focus, after-hours") List<CoverageAreaView> areas,
            @Schema(required = true, description = "The report's figures on documented communication guides") List<ReportFigureView> reportFigures) {

        static CoverageView of(CharterCoverage.Coverage coverage) {
            return new CoverageView(coverage.score(),
                    coverage.areas().stream().map(area -> new CoverageAreaView(area.key(), area.covered(), area.met(),
                            area.total(), area.missing().stream()
                                    .map(missing -> new CoverageGapView(missing.key(), missing.description())).toList()))
                            .toList(),
                    coverage.reportFigures().stream().map(figure -> new ReportFigureView(figure.key(), figure.value(),
                            figure.unit(), figure.quote())).toList());
        }
    }

    @Schema(name = "CharterCoverageArea")
    public record CoverageAreaView(
            @Schema(required = true) String key,
            @Schema(description = "Every check of the area is met") boolean covered,
            @Schema(description = "Checks met") int met,
            @Schema(description = "Checks of the area") int total,
            @Schema(required = true, description = "The checks not met") List<CoverageGapView> missing) {
    }

    @Schema(name = "CharterCoverageGap", description = "A check the charter does not meet")
    public record CoverageGapView(
            @Schema(required = true, example = "urgent-path") String key,
            @Schema(required = true, description = "What the charter lacks") String description) {
    }

    @Schema(name = "CharterReportFigure", description = "A figure of the State of Async Work 2026 report, from the benchmark dataset, with its sentence")
    public record ReportFigureView(
            @Schema(required = true, example = "no-documented-guide") String key,
            double value,
            @Schema(required = true, description = "percent, ratio, ...") String unit,
            @Schema(required = true, description = "The report's sentence, word for word") String quote) {
    }

    @Schema(name = "CharterVersionSummary")
    public record CharterVersionSummary(
            int version,
            @Schema(required = true, description = "The subject of whoever wrote this version") String author,
            @Schema(required = true) Instant createdAt,
            @Schema(description = "The version's coverage score, 0-100", minimum = "0", maximum = "100") int coverageScore) {
    }

    @Schema(name = "CharterVersionPage")
    public record CharterVersionPage(@Schema(required = true) List<CharterVersionSummary> items, String nextCursor) {
    }
}
