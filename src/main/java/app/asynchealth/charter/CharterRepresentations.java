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
            UUID teamId,
            @Schema(description = "1 for the first version, one more for each change") int version,
            CharterContent content,
            @Schema(description = "The subject of whoever wrote this version") String author,
            Instant createdAt,
            CoverageView coverage) {

        static CharterView of(CharterVersion version, CoverageView coverage) {
            return new CharterView(version.teamId, version.version, version.content, version.author,
                    version.createdAt, coverage);
        }
    }

    @Schema(name = "CharterCoverage", description = "How much of the norms the report names the charter states: five areas of named checks. The score is the mean of the areas' shares of checks met (each area weighs the same), times 100, rounded")
    public record CoverageView(
            @Schema(description = "0-100", minimum = "0", maximum = "100") int score,
            @Schema(description = "communication-guidelines, response-expectations, meetings, focus, after-hours") List<CoverageAreaView> areas,
            @Schema(description = "The report's figures on documented communication guides") List<ReportFigureView> reportFigures) {

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
            String key,
            @Schema(description = "Every check of the area is met") boolean covered,
            @Schema(description = "Checks met") int met,
            @Schema(description = "Checks of the area") int total,
            @Schema(description = "The checks not met") List<CoverageGapView> missing) {
    }

    @Schema(name = "CharterCoverageGap", description = "A check the charter does not meet")
    public record CoverageGapView(
            @Schema(example = "urgent-path") String key,
            @Schema(description = "What the charter lacks") String description) {
    }

    @Schema(name = "CharterReportFigure", description = "A figure of the State of Async Work 2026 report, from the benchmark dataset, with its sentence")
    public record ReportFigureView(
            @Schema(example = "no-documented-guide") String key,
            double value,
            @Schema(description = "percent, ratio, ...") String unit,
            @Schema(description = "The report's sentence, word for word") String quote) {
    }

    @Schema(name = "CharterVersionSummary")
    public record CharterVersionSummary(
            int version,
            @Schema(description = "The subject of whoever wrote this version") String author,
            Instant createdAt,
            @Schema(description = "The version's coverage score, 0-100", minimum = "0", maximum = "100") int coverageScore) {
    }

    @Schema(name = "CharterVersionPage")
    public record CharterVersionPage(List<CharterVersionSummary> items, String nextCursor) {
    }
}
