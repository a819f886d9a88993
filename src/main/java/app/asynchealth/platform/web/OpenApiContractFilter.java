package app.asynchealth.platform.web;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import app.asynchealth.platform.problem.Problem;

/**
 * Publishes in the contract what the service guarantees: every error response of every operation is an RFC 9457
 * problem detail. Also keeps the generated schemas honest where annotations cannot (a one-of is not an object).
 */
public class OpenApiContractFilter implements OASFilter {

    /** The draft-ietf-httpapi-ratelimit-headers fields the rate-limited routes send, in order. */
    static final List<String[]> RATE_LIMIT_HEADERS = List.of(
            new String[] { "RateLimit-Limit", "Requests allowed per window to this caller on the rate-limited routes", "integer" },
            new String[] { "RateLimit-Remaining", "Requests left in the current window", "integer" },
            new String[] { "RateLimit-Reset", "Seconds until the window renews", "integer" },
            new String[] { "RateLimit-Policy", "The limit and its window, e.g. 120;w=60", "string" });

    /**
     * Client generators name their methods after operationIds, so each is chosen here once and kept stable: resource
     * method names repeat across resources (list, get, create), and a renamed Java method must not rename a client's.
     */
    static final Map<String, String> OPERATION_IDS = Map.ofEntries(
            Map.entry("GET /api/v1/assessments", "listAssessments"),
            Map.entry("POST /api/v1/assessments", "createAssessment"),
            Map.entry("GET /api/v1/assessments/{assessmentId}/invitations", "listInvitations"),
            Map.entry("POST /api/v1/assessments/{assessmentId}/invitations", "createInvitations"),
            Map.entry("DELETE /api/v1/assessments/{assessmentId}/invitations/{invitationId}", "revokeInvitation"),
            Map.entry("POST /api/v1/assessments/{assessmentId}/invitations/{invitationId}/reissue", "reissueInvitation"),
            Map.entry("DELETE /api/v1/assessments/{assessmentId}/response", "withdrawResponse"),
            Map.entry("PUT /api/v1/assessments/{assessmentId}/response", "saveResponse"),
            Map.entry("GET /api/v1/assessments/{assessmentId}/response", "getResponse"),
            Map.entry("PATCH /api/v1/assessments/{id}", "updateAssessment"),
            Map.entry("GET /api/v1/assessments/{id}", "getAssessment"),
            Map.entry("DELETE /api/v1/assessments/{id}", "deleteAssessment"),
            Map.entry("POST /api/v1/assessments/{id}/close", "closeAssessment"),
            Map.entry("POST /api/v1/assessments/{id}/open", "openAssessment"),
            Map.entry("GET /api/v1/assessments/{id}/profile", "getAssessmentProfile"),
            Map.entry("GET /api/v1/assessments/{id}/profile/publication", "getProfilePublication"),
            Map.entry("PUT /api/v1/assessments/{id}/profile/publication", "publishProfile"),
            Map.entry("DELETE /api/v1/assessments/{id}/profile/publication", "unpublishProfile"),
            Map.entry("GET /api/v1/assessments/{id}/participation", "getRoundParticipation"),
            Map.entry("POST /api/v1/assessments/{assessmentId}/reminders", "remindAssessmentMembers"),
            Map.entry("GET /api/v1/benchmarks", "listBenchmarks"),
            Map.entry("GET /api/v1/benchmarks/{key}", "getBenchmark"),
            Map.entry("POST /api/v1/bootstrap/tokens", "issueBootstrapToken"),
            Map.entry("GET /api/v1/integrations/tokens", "listIntegrationTokens"),
            Map.entry("POST /api/v1/integrations/tokens", "createIntegrationToken"),
            Map.entry("DELETE /api/v1/integrations/tokens/{id}", "revokeIntegrationToken"),
            Map.entry("POST /api/v1/invitation-claims", "claimInvitation"),
            Map.entry("GET /api/v1/me/assessments", "listMyAssessments"),
            Map.entry("GET /api/v1/me/profiles", "listMyPublishedProfiles"),
            Map.entry("GET /api/v1/organization/profile", "getOrganizationProfile"),
            Map.entry("GET /api/v1/scores", "listScores"),
            Map.entry("GET /api/v1/scores/export", "exportScores"),
            Map.entry("GET /api/v1/scores/actions", "listActionFeed"),
            Map.entry("GET /api/v1/teams", "listTeams"),
            Map.entry("POST /api/v1/teams", "createTeam"),
            Map.entry("GET /api/v1/teams/{id}/trend", "getTeamTrend"),
            Map.entry("GET /api/v1/teams/{id}/participation", "getTeamParticipation"),
            Map.entry("PATCH /api/v1/teams/{teamId}", "updateTeam"),
            Map.entry("GET /api/v1/teams/{teamId}", "getTeam"),
            Map.entry("DELETE /api/v1/teams/{teamId}", "deleteTeam"),
            Map.entry("GET /api/v1/teams/{teamId}/charter", "getTeamCharter"),
            Map.entry("PUT /api/v1/teams/{teamId}/charter", "writeTeamCharter"),
            Map.entry("GET /api/v1/teams/{teamId}/charter/coverage", "getTeamCharterCoverage"),
            Map.entry("GET /api/v1/teams/{teamId}/charter/versions", "listTeamCharterVersions"),
            Map.entry("GET /api/v1/teams/{teamId}/charter/versions/{version}", "getTeamCharterVersion"),
            Map.entry("GET /api/v1/teams/{teamId}/schedule", "getTeamSchedule"),
            Map.entry("PUT /api/v1/teams/{teamId}/schedule", "setTeamSchedule"),
            Map.entry("DELETE /api/v1/teams/{teamId}/schedule", "deleteTeamSchedule"),
            Map.entry("GET /api/v1/teams/{teamId}/members", "listTeamMembers"),
            Map.entry("POST /api/v1/teams/{teamId}/members", "addTeamMember"),
            Map.entry("PATCH /api/v1/teams/{teamId}/members/{memberId}", "updateTeamMember"),
            Map.entry("DELETE /api/v1/teams/{teamId}/members/{memberId}", "removeTeamMember"),
            Map.entry("GET /api/v1/teams/{teamId}/members/{memberId}", "getTeamMember"),
            Map.entry("GET /api/v1/teams/{teamId}/actions", "listTeamActions"),
            Map.entry("POST /api/v1/teams/{teamId}/actions", "createTeamAction"),
            Map.entry("GET /api/v1/teams/{teamId}/actions/{actionId}", "getTeamAction"),
            Map.entry("PATCH /api/v1/teams/{teamId}/actions/{actionId}", "updateTeamAction"),
            Map.entry("DELETE /api/v1/teams/{teamId}/actions/{actionId}", "deleteTeamAction"),
            Map.entry("GET /api/v1/templates", "listTemplates"),
            Map.entry("POST /api/v1/templates", "deriveTemplate"),
            Map.entry("GET /api/v1/templates/{key}/versions/{version}", "getTemplateVersion"),
            Map.entry("GET /api/v1/tenants", "listTenants"),
            Map.entry("POST /api/v1/tenants", "createTenant"),
            Map.entry("PATCH /api/v1/tenants/{tenantId}", "updateTenant"),
            Map.entry("GET /api/v1/tenants/{tenantId}", "getTenant"),
            Map.entry("GET /api/v1/webhooks", "listWebhookEndpoints"),
            Map.entry("POST /api/v1/webhooks", "createWebhookEndpoint"),
            Map.entry("PATCH /api/v1/webhooks/{id}", "updateWebhookEndpoint"),
            Map.entry("GET /api/v1/webhooks/{id}", "getWebhookEndpoint"),
            Map.entry("DELETE /api/v1/webhooks/{id}", "deleteWebhookEndpoint"),
            Map.entry("GET /api/v1/webhooks/{id}/deliveries", "listWebhookDeliveries"),
            Map.entry("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", "redeliverWebhookDelivery"),
            Map.entry("POST /api/v1/webhooks/{id}/secret", "rotateWebhookSecret"),
            Map.entry("POST /api/v1/webhooks/{id}/test", "sendWebhookTest"));

    /** The operations whose services answer 409 (ProblemType.CONFLICT). */
    static final Set<String> CONFLICTS = Set.of("createTenant", "createTeam", "updateTeam", "addTeamMember",
            "updateTeamMember", "updateAssessment", "deleteAssessment", "openAssessment", "closeAssessment",
            "createInvitations", "revokeInvitation", "reissueInvitation", "claimInvitation", "saveResponse",
            "withdrawResponse", "getAssessmentProfile", "publishProfile", "redeliverWebhookDelivery", "sendWebhookTest",
            "remindAssessmentMembers");

    /** The reads that send an ETag with their 200; each answers If-None-Match naming it with 304 ({@link NotModified}). */
    static final Set<String> TAGGED_READS = Set.of("getTenant", "getTeam", "getTeamMember", "getTeamCharter",
            "getTeamCharterCoverage", "getTeamCharterVersion", "getAssessment", "getResponse", "getWebhookEndpoint",
            "getTeamAction", "getTeamSchedule", "getAssessmentProfile", "getTeamTrend");

    /**
     * What YAML 1.1 parsers (SnakeYAML, PyYAML) read as something else than text although the YAML writer leaves it
     * unquoted: times such as 17:30 (numbers in base 60) and dates. The writer quotes what looks like a decimal
     * number or a boolean, so those need nothing.
     */
    static final Pattern YAML_11_NOT_TEXT = Pattern.compile("[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+"
            + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*"
            + "|[0-9]{4}-[0-9]{2}-[0-9]{2}"
            + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
            + "([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?");

    /** Tags group a generated client's operations (one API class each); each says what it holds. */
    static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
            Map.entry("Answering", "A member's own answers to an assessment, with the respondent credential of a claimed invitation"),
            Map.entry("Assessments", "Assessment rounds of a team: their schedule and lifecycle (draft, open, closed)"),
            Map.entry("Benchmarks", "The State of Async Work 2026 figures teams are compared with"),
            Map.entry("Bootstrap", "Tokens for trying the API on a local installation"),
            Map.entry("Charters", "A team's communication charter: its agreed norms, versioned, with their coverage of the report's norms"),
            Map.entry("HR integration", "Integration tokens, the scores feed and export, the organisation rollup and webhooks"),
            Map.entry("Invitations", "Invitations to answer an assessment and their one-time claim codes"),
            Map.entry("Profiles", "Maturity profiles of assessments and their trend over a team's rounds"),
            Map.entry("Schedules", "A team's rhythm of rounds: created, opened, invited, reminded and closed by the service"),
            Map.entry("Team members", "The members of a team"),
            Map.entry("Teams", "The teams of a tenant"),
            Map.entry("Team actions", "Actions a team adopts from a round's recommendations, and their measured effect in its next round"),
            Map.entry("Templates", "Question templates, built-in and a tenant's own versions"),
            Map.entry("Tenants", "Tenants (organisations) and their settings"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            String key = method + " " + path;
            if (OPERATION_IDS.containsKey(key)) {
                operation.setOperationId(OPERATION_IDS.get(key));
            }
            // Generators use the description for the method's documentation; the summary says it in one line.
            if (operation.getDescription() == null || operation.getDescription().isBlank()) {
                operation.setDescription(operation.getSummary());
            }
            typeQueryParameters(operation);
            declareStatuses(path, method, operation);
            if (TAGGED_READS.contains(operation.getOperationId())) {
                declareNotModified(operation);
            }
            document(operation);
        }));
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> {
                if (tag.getDescription() == null) {
                    tag.setDescription(TAG_DESCRIPTIONS.get(tag.getName()));
                }
            });
        }
        // Every error points at the Problem schema; no operation names the class, so the scan leaves it out.
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            openAPI.getComponents().addSchema("Problem", problemSchema());
            openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
        }
        constrainSchemas(openAPI.getComponents().getSchemas());
        requirePrimitives(openAPI.getComponents().getSchemas());
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(OpenApiContractFilter::keepExamplesText);
            closeRequestSchemas(openAPI);
        }
        // A schema that is one of several JSON types is not also an object.
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().stream()
                    .filter(schema -> schema.getOneOf() != null && !schema.getOneOf().isEmpty())
                    .forEach(schema -> schema.setType(null));
        }
    }

    private void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null) {
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problem());
                }
            });
            // A rate-limited operation (one that declares 429) reports its limit on its answers.
            if (responses.containsKey("429")) {
                responses.forEach((status, response) -> {
                    if (status.startsWith("2") || status.equals("429")) {
                        for (String[] header : RATE_LIMIT_HEADERS) {
                            response.addHeader(header[0], OASFactory.createHeader().description(header[1])
                                    .schema(OASFactory.createSchema().addType(header[2].equals("integer")
                                            ? Schema.SchemaType.INTEGER : Schema.SchemaType.STRING)));
                        }
                    }
                });
            }
        }
        operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                .description("An error, as an RFC 9457 problem detail").content(problem()));
    }

    /** Query parameters arrive as strings; the contract says what the service accepts in them. */
    private static void typeQueryParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.QUERY) {
                continue;
            }
            switch (parameter.getName()) {
                case "limit" -> parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int32").minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(Pagination.MAX_LIMIT)).defaultValue(Pagination.DEFAULT_LIMIT));
                case "updatedSince" -> parameter.setSchema(string(null).format("date-time"));
                case "teamId" -> parameter.setSchema(string(null).format("uuid"));
                case "cursor" -> parameter.setSchema(string(null));
                case "status" -> parameter.setSchema(OASFactory.createSchema().ref("#/components/schemas/AssessmentStatus"));
                // Its keys are the scoring model's: integration's ScoresContractFilter declares them.
                case "dimension" -> parameter.setSchema(string(null));
                default -> {
                }
            }
        }
    }

    /**
     * The errors the service really answers with, on the operations where they happen; the generated document lists
     * only the ones the annotations name, the rest would hide under default.
     */
    private static void declareStatuses(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        var responses = operation.getResponses();
        if (path.contains("{")) {
            addIfAbsent(operation, "404", "Not found, or not visible to this caller");
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "400", "The request is not valid");
            addIfAbsent(operation, "413", "The body is larger than async-health.http.max-body-size");
            addIfAbsent(operation, "415", "The body is not application/json");
        }
        // Every operation needs the database (at the least to admit the caller's tenant).
        addIfAbsent(operation, "503", "The database is unreachable; retry after Retry-After seconds");
        responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
                .description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        boolean answersWithBody = responses.getAPIResponses() != null && responses.getAPIResponses().entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("2") && e.getValue().getContent() != null);
        if (answersWithBody) {
            addIfAbsent(operation, "406", "Accept names no media type this operation produces");
        }
        // Every operation refuses a query parameter it does not declare (DeclaredQueryParameters).
        addIfAbsent(operation, "400", "A query parameter is not valid, or is not one this operation takes");
        if (operation.getOperationId() != null && CONFLICTS.contains(operation.getOperationId())) { // a missing id: OpenApiContractTest names it
            addIfAbsent(operation, "409", "The request conflicts with the resource's current state (a duplicate, or a"
                    + " lifecycle state that does not allow it)");
        }
    }

    /**
     * Request bodies are read strictly: a property the schema does not name is refused (400,
     * quarkus.jackson.fail-on-unknown-properties), so every object schema a body reaches, nested ones included, says
     * so; validators and generated clients then agree with the service. Free-form maps (answers) keep their own
     * additionalProperties. Some of these schemas are also answers: the service sends only their properties.
     */
    private static void closeRequestSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Deque<Schema> reached = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                    && operation.getRequestBody().getContent().getMediaTypes() != null) {
                operation.getRequestBody().getContent().getMediaTypes().values().stream()
                        .filter(media -> media.getSchema() != null).forEach(media -> reached.add(media.getSchema()));
            }
        }));
        Set<String> seen = new HashSet<>();
        while (!reached.isEmpty()) {
            Schema schema = reached.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (seen.add(name) && schemas.get(name) != null) {
                    reached.push(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && schema.getAdditionalPropertiesSchema() == null && schema.getAdditionalPropertiesBoolean() == null) {
                schema.setAdditionalPropertiesBoolean(false);
            }
            if (schema.getProperties() != null) {
                reached.addAll(schema.getProperties().values());
            }
            for (Schema nested : Arrays.asList(schema.getItems(), schema.getAdditionalPropertiesSchema())) {
                if (nested != null) {
                    reached.push(nested);
                }
            }
            for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (group != null) {
                    reached.addAll(group);
                }
            }
        }
    }

    /**
     * A record component of a primitive type is always in the JSON the service sends (only nulls are left out), and a
     * body that leaves it out is refused (it cannot be null): required, both ways. Generators then type it as always
     * there. Components that may be absent are objects, and are required only where annotated so.
     */
    private static void requirePrimitives(Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        Map<String, Class<?>> records = RecordSchemas.byName();
        schemas.forEach((name, schema) -> {
            Class<?> type = records.get(name);
            if (type == null || schema.getProperties() == null) {
                return;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                String property = component.getName();
                if (component.getType().isPrimitive() && schema.getProperties().containsKey(property)
                        && (schema.getRequired() == null || !schema.getRequired().contains(property))) {
                    schema.addRequired(property);
                }
            }
        });
    }

    /** The ETag of a tagged read, and its 304: no body, the same ETag. */
    private static void declareNotModified(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        if (ok != null) {
            ok.addHeader("ETag", etagHeader());
        }
        operation.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                .description("Not modified: If-None-Match names the current ETag; no body").addHeader("ETag", etagHeader()));
    }

    private static Header etagHeader() {
        return OASFactory.createHeader().description("The version of the resource; send it in If-None-Match to read"
                + " it only when it changed, or in If-Match to change it only if nobody else did")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    /**
     * A string example a YAML 1.1 parser would read as a number or a date (see {@link #YAML_11_NOT_TEXT}) moves into
     * the description, where it is text to every parser.
     */
    private static void keepExamplesText(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.STRING) && schema.getExamples() != null) {
            List<Object> ambiguous = schema.getExamples().stream()
                    .filter(example -> example instanceof String text && YAML_11_NOT_TEXT.matcher(text).matches()).toList();
            if (!ambiguous.isEmpty()) {
                List<Object> kept = new ArrayList<>(schema.getExamples());
                kept.removeAll(ambiguous);
                schema.setExamples(kept.isEmpty() ? null : kept);
                String examples = ambiguous.stream().map(Object::toString).collect(Collectors.joining(", "));
                schema.setDescription(schema.getDescription() == null ? "For example " + examples
                        : schema.getDescription() + " (for example " + examples + ")");
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiContractFilter::keepExamplesText);
        }
        keepExamplesText(schema.getItems());
        for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                group.forEach(OpenApiContractFilter::keepExamplesText);
            }
        }
    }

    private static void addIfAbsent(Operation operation, String status, String description) {
        var responses = operation.getResponses();
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Enums and formats the service enforces or always produces, where the Java types are plain strings. */
    private static void constrainSchemas(Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        // Every e-mail address the service takes or gives is one (the requests are checked with @Email).
        schemas.values().forEach(schema -> {
            if (schema.getProperties() != null && schema.getProperties().get("email") != null
                    && schema.getProperties().get("email").getRef() == null) {
                schema.getProperties().get("email").setFormat("email");
            }
        });
    }

    private static Optional<Schema> property(Map<String, Schema> schemas, String schema, String property) {
        Schema owner = schemas.get(schema);
        return Optional.ofNullable(owner == null || owner.getProperties() == null ? null
                : owner.getProperties().get(property));
    }

    /** {@link Problem} as a schema, property by property. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("RFC 9457 problem detail")
                .required(new ArrayList<>(List.of("type", "title", "status"))) // every problem is made from its type
                .addProperty("type", string("Identifies the kind of problem").format("uri")
                        .addExample("urn:async-health:problem:validation-failed"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code"))
                .addProperty("detail", string("What went wrong in this occurrence"))
                // A relative reference (the request's path), as RFC 9457 allows: format uri would demand a scheme.
                .addProperty("instance", string("The request path, a URI reference relative to the service")
                        .format("uri-reference"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError"))
                        .description("One entry per invalid field, for validation problems"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("The field, as a dotted path into the request body or the name of a parameter"))
                .addProperty("message", string("What is wrong with it"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
