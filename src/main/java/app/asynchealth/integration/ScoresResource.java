package app.asynchealth.integration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.action.ActionFeed;
import app.asynchealth.action.ActionRepresentations.ActionRowPage;
import app.asynchealth.integration.ScoresExport.Filters;
import app.asynchealth.integration.ScoresExport.Format;
import app.asynchealth.integration.ScoresFeed.ScorePage;
import app.asynchealth.integration.ScoresFeed.ScoreRow;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.ratelimit.HrRateLimited;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.scoring.ScoringModels;

@Path("/api/v1/scores")
@Tag(name = "HR integration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.HR_ANALYST, Roles.TENANT_ADMIN })
@HrRateLimited
public class ScoresResource {


    private final ScoresFeed feed;
    private final ScoresExport export;
    private final Pagination pagination;
    private final ScoringModels models;
    private final ActionFeed actions;

    ScoresResource(ScoresFeed feed, ScoresExport export, Pagination pagination, ScoringModels models,
            ActionFeed actions) {
        this.actions = actions;
        this.feed = feed;
        this.export = export;
        this.pagination = pagination;
        this.models = models;
    }

    @GET
    @Operation(summary = "The scores feed: one row per closed assessment and dimension, in the order results became available",
            description = "Suppressed rows (fewer respondents than the threshold) are present and carry no values. Keyset pagination stays correct while new results arrive; keep the last resumeCursor and poll with it to get exactly what is new.")
    @APIResponse(responseCode = "200", description = "One page of rows", content = @Content(schema = @Schema(implementation = ScorePage.class)))
    @APIResponse(responseCode = "429", description = "This token used up its requests on the HR routes for now (see RateLimit-* headers); retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)))
    public Response scores(
            @Parameter(description = "Only results that became available at or after this instant (ISO-8601)") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only this team's") @QueryParam("teamId") String teamId,
            @Parameter(description = "Only this dimension") @QueryParam("dimension") String dimension,
            @BeanParam PageParams page) {
        Filters filters = filters(updatedSince, teamId, dimension);
        ScorePage scores = feed.feed(pagination.request(ScoresFeed.LIST, page), filters.updatedSince(),
                filters.teamId(), filters.dimension());
        return pagination.respond(scores, scores.nextCursor(), page.uri);
    }

    @GET
    @Path("actions")
    @Operation(summary = "Every team's actions, in the order they were adopted, each with the measured change of its metric when there is one",
            description = "No answer and no respondent: the change since the baseline round is shown only where both rounds' figures are published (answered by at least each round's anonymity threshold). Poll with updatedSince for actions changed since.")
    @APIResponse(responseCode = "200", description = "One page of actions", content = @Content(schema = @Schema(implementation = ActionRowPage.class)))
    @APIResponse(responseCode = "429", description = "This token used up its requests on the HR routes for now (see RateLimit-* headers); retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)))
    public Response actions(
            @Parameter(description = "Only actions changed at or after this instant (ISO-8601)") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only this team's") @QueryParam("teamId") String teamId,
            @BeanParam PageParams page) {
        Filters filters = filters(updatedSince, teamId, null);
        ActionRowPage rows = actions.feed(pagination.request(ActionFeed.LIST, page), filters.updatedSince(),
                filters.teamId());
        return pagination.respond(rows, rows.nextCursor(), page.uri);
    }

    @GET
    @Path("export")
    @Produces({ ScoresExport.CSV, ScoresExport.NDJSON })
    @Operation(summary = "The whole scores feed as one file, CSV or NDJSON by the Accept header",
            description = "The rows of GET /scores with the same filters, suppression and order, all of them at once and without paging, streamed as they are read. text/csv has a header row and empty cells where the feed has no value; application/x-ndjson has one ScoreRow object per line, without the absent values.")
    @APIResponse(responseCode = "200", description = "Every matching row, as an attachment (scores.csv or scores.ndjson; NDJSON: one ScoreRow object per line)",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"scores.csv\" or \"scores.ndjson\"", schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = ScoresExport.CSV, schema = @Schema(type = SchemaType.STRING, description = "A header row with the ScoreRow property names, then one line per row")),
                    // Not one JSON document but a text of lines: described as a string, so that parsers and clients
                    // do not read the whole body as one ScoreRow.
                    @Content(mediaType = ScoresExport.NDJSON, schema = @Schema(type = SchemaType.STRING, description = "One ScoreRow JSON object per line (newline-delimited JSON), without the absent values")) })
    @APIResponse(responseCode = "406", description = "Accept names neither text/csv nor application/x-ndjson")
    @APIResponse(responseCode = "429", description = "This token used up its requests on the HR routes for now (see RateLimit-* headers), or as many exports as may run at once are running; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(type = SchemaType.INTEGER)))
    public Response export(
            @Parameter(description = "Only results that became available at or after this instant (ISO-8601)") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only this team's") @QueryParam("teamId") String teamId,
            @Parameter(description = "Only this dimension") @QueryParam("dimension") String dimension,
            @Context HttpHeaders headers) {
        Filters filters = filters(updatedSince, teamId, dimension);
        Format format = format(headers);
        // Validation, access and the tenant are settled here, so their failures are still problem details; once the
        // output is returned, the status and headers are sent and rows follow as they are read.
        return Response.ok(export.prepare(filters, format), format.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + format.fileName + "\"")
                .build();
    }

    /** The media type the request prefers among the two (JAX-RS already refused requests that accept neither). */
    private static Format format(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.valueOf(ScoresExport.CSV))) {
                return Format.CSV;
            }
            if (accepted.isCompatible(MediaType.valueOf(ScoresExport.NDJSON))) {
                return Format.NDJSON;
            }
        }
        return Format.CSV;
    }

    private Filters filters(String updatedSince, String teamId, String dimension) {
        Instant since = null;
        if (updatedSince != null) {
            try {
                since = Instant.parse(updatedSince);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("updatedSince", "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
        }
        UUID team = null;
        if (teamId != null) {
            try {
                team = UUID.fromString(teamId);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("teamId", "must be a team id");
            }
        }
        if (dimension != null && !models.dimensionKeys().contains(dimension)) {
            throw ProblemException.invalid("dimension", "must be one of " + String.join(", ", models.dimensionKeys()));
        }
        return new Filters(since, team, dimension);
    }
}
