package app.asynchealth.benchmark;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;

@Path("/api/v1/benchmarks")
@Tag(name = "Benchmarks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.TEAM_LEAD, Roles.MEMBER, Roles.HR_ANALYST, Roles.PLATFORM_ADMIN })
public class BenchmarkResource {

    static final String LIST = "benchmarks";

    private final BenchmarkDataset dataset;
    private final Pagination pagination;

    BenchmarkResource(BenchmarkDataset dataset, Pagination pagination) {
        this.dataset = dataset;
        this.pagination = pagination;
    }

    @Schema(name = "BenchmarkFigure", description = "A figure of the State of Async Work 2026 report")
    public record FigureView(
            @Schema(required = true) String key,
            @Schema(description = "A percentage (0-100), hours per week, or a ratio (\"2.7x more likely\")") double value,
            @Schema(required = true, description = "percent, hours-per-week or ratio") String unit,
            @Schema(required = true, description = "Who the figure describes: all-respondents, async-first-companies, in-office-workers, large-companies, …") String population,
            @Schema(description = "For ratios: the group the population is compared with") String comparedWith,
            @Schema(required = true, description = "What exactly the report measured") String measure,
            @Schema(description = "Respondents the figure stands on; absent where the report does not publish it (segments)") Integer sampleSize,
            @Schema(description = "true where the report rounds the figure in words (\"8 in 10\", \"over 4 times\")") Boolean approximate,
            @Schema(required = true, description = "The report's sentence, verbatim") String quote,
            @Schema(required = true, description = "The report and its sample") String source) {
    }

    @Schema(name = "BenchmarkPage")
    public record FigurePage(@Schema(required = true) List<FigureView> items, String nextCursor) {
    }

    @GET
    @Operation(summary = "The report's figures the product compares teams with, each with its sentence and sample")
    @APIResponse(responseCode = "200", description = "One page of figures, by key", content = @Content(schema = @Schema(implementation = FigurePage.class)))
    public Response list(@BeanParam PageParams page) {
        PageRequest request = pagination.request(LIST, page);
        List<BenchmarkDataset.Figure> figures = dataset.dataset().figures().stream()
                .sorted(Comparator.comparing(BenchmarkDataset.Figure::key))
                .filter(figure -> request.after().map(after -> figure.key().compareTo(after) > 0).orElse(true))
                .limit(request.fetchSize()).toList();
        return pagination.respond(pagination.page(LIST, request, figures, BenchmarkDataset.Figure::key, this::view), page.uri);
    }

    @GET
    @Path("{key}")
    @Operation(summary = "One figure of the report")
    @APIResponse(responseCode = "200", description = "The figure", content = @Content(schema = @Schema(implementation = FigureView.class)))
    public FigureView get(@PathParam("key") String key) {
        return dataset.figure(key).map(this::view).orElseThrow(() -> ProblemException.notFound("Benchmark figure"));
    }

    private FigureView view(BenchmarkDataset.Figure figure) {
        return new FigureView(figure.key(), figure.value(), figure.unit(), figure.population(), figure.comparedWith(),
                figure.measure(), figure.sampleSize(), figure.approximate(), figure.quote(), dataset.dataset().source());
    }
}
