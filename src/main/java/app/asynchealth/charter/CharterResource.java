package app.asynchealth.charter;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.asynchealth.charter.CharterRepresentations.CharterVersionPage;
import app.asynchealth.charter.CharterRepresentations.CharterView;
import app.asynchealth.charter.CharterRepresentations.CoverageView;
import app.asynchealth.platform.security.Roles;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.PageParams;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;

@Path("/api/v1/teams/{teamId}/charter")
@Tag(name = "Charters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CharterResource {

    static final String MARKDOWN = CharterMarkdown.MEDIA_TYPE;
    private static final MediaType MARKDOWN_TYPE = MediaType.valueOf(MARKDOWN);

    private final CharterService charters;
    private final Pagination pagination;

    CharterResource(CharterService charters, Pagination pagination) {
        this.charters = charters;
        this.pagination = pagination;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, MARKDOWN })
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "Read the team's current charter: JSON, or Markdown for the team's wiki (Accept: text/markdown)")
    @APIResponse(responseCode = "200", description = "The latest version; ETag carries its version, Content-Location names it", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CharterView.class)),
            @Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING, description = "The charter as GitHub-flavoured Markdown: a heading per section, the channels as a table, the version and date at the end")) })
    @APIResponse(responseCode = "404", description = "No such team visible to you, or the team has no charter yet")
    public Response latest(@PathParam("teamId") UUID teamId, @Context HttpHeaders headers, @Context UriInfo uri) {
        return represent(teamId, null, headers, uri);
    }

    @PUT
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "Write a new version of the team's charter (tenant admins, or the team's lead); earlier versions are kept")
    @APIResponse(responseCode = "201", description = "The team's first charter version; Location names it", content = @Content(schema = @Schema(implementation = CharterView.class)))
    @APIResponse(responseCode = "200", description = "The new version; Content-Location names it", content = @Content(schema = @Schema(implementation = CharterView.class)))
    @APIResponse(responseCode = "403", description = "You may read this team's charter but not change it")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version (someone changed the charter since you read it), or the team already has a charter and If-None-Match was sent")
    @APIResponse(responseCode = "428", description = "The team has a charter and the request has no If-Match with its ETag")
    public Response write(@PathParam("teamId") UUID teamId,
            @Parameter(description = "The ETag of the version you read; required once the team has a charter")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "* to write the first version only if there is none yet")
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Valid @NotNull CharterContent body, @Context UriInfo uri) {
        CharterService.Written written = charters.write(teamId, body, ifMatch, ifNoneMatch);
        Versioned<CharterView> charter = written.charter();
        URI location = versionUri(uri, teamId, charter.version());
        Response.ResponseBuilder response = written.first() ? Response.created(location) : Response.ok();
        return response.entity(charter.body()).tag(EntityTags.of(charter.version()))
                .header(HttpHeaders.CONTENT_LOCATION, location).build();
    }

    @GET
    @Path("versions")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "List the versions of the team's charter, newest first")
    @APIResponse(responseCode = "200", description = "One page of versions", content = @Content(schema = @Schema(implementation = CharterVersionPage.class)))
    public Response versions(@PathParam("teamId") UUID teamId, @BeanParam PageParams page) {
        return pagination.respond(charters.versions(teamId, pagination.request(CharterService.list(teamId), page)),
                page.uri);
    }

    @GET
    @Path("versions/{version}")
    @Produces({ MediaType.APPLICATION_JSON, MARKDOWN })
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "Read one version of the team's charter: JSON, or Markdown (Accept: text/markdown)")
    @APIResponse(responseCode = "200", description = "The version", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CharterView.class)),
            @Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING, description = "The version as GitHub-flavoured Markdown")) })
    public Response version(@PathParam("teamId") UUID teamId, @PathParam("version") int version,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return represent(teamId, version, headers, uri);
    }

    @GET
    @Path("coverage")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.HR_ANALYST, Roles.TEAM_LEAD, Roles.MEMBER })
    @Operation(summary = "How much of the report's norms the team's current charter states, and what it lacks")
    @APIResponse(responseCode = "200", description = "The coverage of the latest version; ETag carries the version", content = @Content(schema = @Schema(implementation = CoverageView.class)))
    @APIResponse(responseCode = "404", description = "No such team visible to you, or the team has no charter yet")
    public Response coverage(@PathParam("teamId") UUID teamId, @Context UriInfo uri) {
        Versioned<CoverageView> coverage = charters.coverage(teamId);
        return Response.ok(coverage.body()).tag(EntityTags.of(coverage.version()))
                .header(HttpHeaders.CONTENT_LOCATION, versionUri(uri, teamId, coverage.version())).build();
    }

    /** JSON or Markdown, as Accept prefers; both name the version they show. */
    private Response represent(UUID teamId, Integer version, HttpHeaders headers, UriInfo uri) {
        if (prefersMarkdown(headers)) {
            Versioned<String> markdown = charters.markdown(teamId, version);
            return Response.ok(markdown.body(), MARKDOWN + ";charset=UTF-8").header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .header(HttpHeaders.CONTENT_LOCATION, versionUri(uri, teamId, markdown.version())).build();
        }
        Versioned<CharterView> charter = version == null ? charters.latest(teamId) : charters.version(teamId, version);
        return Response.ok(charter.body(), MediaType.APPLICATION_JSON_TYPE).tag(EntityTags.of(charter.version()))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header(HttpHeaders.CONTENT_LOCATION, versionUri(uri, teamId, charter.version())).build();
    }

    /**
     * Accept's types in the order of preference: the first that JSON satisfies ({@code * /*} included) gives JSON,
     * the first that only Markdown satisfies ({@code text/*}, {@code text/markdown}) gives Markdown. Anything else was
     * refused with 406 before this method ran.
     */
    static boolean prefersMarkdown(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.isCompatible(MARKDOWN_TYPE)) {
                return true;
            }
        }
        return false;
    }

    private static URI versionUri(UriInfo uri, UUID teamId, int version) {
        return uri.getBaseUriBuilder().path(CharterResource.class).path("versions").path(Integer.toString(version))
                .build(teamId);
    }
}
