package app.asynchealth.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import app.asynchealth.assessment.template.BuiltInTemplates;
import app.asynchealth.assessment.template.TemplateDefinition;
import app.asynchealth.benchmark.BenchmarkDataset;
import app.asynchealth.recommendation.RecommendationCatalog;
import app.asynchealth.scoring.core.ScoringModel;

/** The data files agree with each other and with the report: no figure without its sentence, none invented. */
class ScoringDataTest {

    static final Path REPORT = Path.of("../shared/reference/state-of-async-work-2026.txt");

    final BenchmarkDataset benchmarks = BenchmarkDataset.load();
    final TemplateDefinition template = BuiltInTemplates.load().find("async-health", 1).orElseThrow();
    final ScoringModel model = ScoringModels.load().forTemplate(template).orElseThrow();

    @Test
    void everyFigureIsQuotedFromTheReportAndCarriesItsNumber() throws Exception {
        Assumptions.assumeTrue(Files.exists(REPORT), "the report lies beside the repository in CI and for developers");
        String report = Files.readString(REPORT);
        assertThat(report).contains(benchmarks.dataset().source());
        assertThat(benchmarks.dataset().sample()).contains("216");
        for (BenchmarkDataset.Figure figure : benchmarks.dataset().figures()) {
            assertThat(report).as(figure.key()).contains(figure.quote());
            String number = figure.key().equals("meetings-could-be-async") ? "8 in 10"
                    : new java.math.BigDecimal(Double.toString(figure.value())).stripTrailingZeros().toPlainString();
            assertThat(figure.quote()).as(figure.key()).contains(number);
        }
    }

    @Test
    void ratiosStayRatios() {
        assertThat(benchmarks.dataset().figures()).filteredOn(figure -> figure.quote().matches(".*\\d+(\\.\\d+)?x more likely.*"))
                .isNotEmpty().allSatisfy(figure -> {
                    assertThat(figure.unit()).isEqualTo("ratio");
                    assertThat(figure.comparedWith()).isNotBlank();
                });
    }

    @Test
    void theTemplateTheModelAndTheCatalogNameOnlyKnownFigures() {
        template.questions().stream().filter(question -> question.benchmarks() != null)
                .flatMap(question -> question.benchmarks().stream())
                .forEach(quote -> assertThat(benchmarks.figure(quote.key())).as(quote.key()).isPresent()
                        .get().extracting(BenchmarkDataset.Figure::quote).isEqualTo(quote.quote()));
        assertThat(ScoringModels.violations(model, BuiltInTemplates.load(), benchmarks)).isEmpty();
        RecommendationCatalog catalog = RecommendationCatalog.load();
        assertThat(model.metrics()).extracting(ScoringModel.MetricDefinition::key).containsAll(catalog.metricKeys());
        assertThat(catalog.dimensions()).containsExactlyInAnyOrderElementsOf(model.dimensions().keySet());
    }
}
