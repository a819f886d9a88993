package app.asynchealth.integration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.integration.ScoresFeed.ScorePage;
import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.scoring.ScoringModels;

@Path("/api/v1/scores")
@Tag(name = "HR integration")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.HR_ANALYST, Roles.TENANT_ADMIN })
public class ScoresResource {

    static final Set<String> PARAMETERS = Set.of("updatedSince", "teamId", "dimension", "limit", "cursor");

    private final ScoresFeed feed;
    private final Pagination pagination;
    private final ScoringModels models;

    ScoresResource(ScoresFeed feed, Pagination pagination, ScoringModels models) {
        this.feed = feed;
        this.pagination = pagination;
        this.models = models;
    }

    @GET
    @Operation(summary = "The scores feed: one row per closed assessment and dimension, in closing order",
            description = "Suppressed rows (fewer respondents than the threshold) are present and carry no values. Keyset pagination stays correct while new results arrive.")
    @APIResponse(responseCode = "200", description = "One page of rows", content = @Content(schema = @Schema(implementation = ScorePage.class)))
    public Response scores(
            @Parameter(description = "Only results that became available at or after this instant (ISO-8601)") @QueryParam("updatedSince") String updatedSince,
            @Parameter(description = "Only this team's") @QueryParam("teamId") String teamId,
            @Parameter(description = "Only this dimension") @QueryParam("dimension") String dimension,
            @BeanParam PageParams page) {
        for (String name : page.uri.getQueryParameters().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw ProblemException.invalid(name, "is not a filter of this list; use " + String.join(", ",
                        PARAMETERS.stream().sorted().toList()));
            }
        }
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
        return pagination.respond(feed.feed(pagination.request(ScoresFeed.LIST, page), since, team, dimension), page.uri);
    }
}
