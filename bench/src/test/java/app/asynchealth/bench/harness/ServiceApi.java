package app.asynchealth.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.asynchealth.response.AnsweringWalkthroughTest;

/** The service's API as the harness uses it to set things up: JSON over HTTP/1.1, tokens from the bootstrap route. */
final class ServiceApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private URI base;

    ServiceApi(HttpClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    void rebase(URI base) {
        this.base = base;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** A bootstrap token (local installations only): {@code tenant} and {@code subject} may be null. */
    String token(String role, String tenant, String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("role", role);
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        if (subject != null) {
            body.put("subject", subject);
        }
        return call("POST", "/api/v1/bootstrap/tokens", null, body, 200).get("accessToken").asText();
    }

    void newTenant(String id, String platformAdmin) {
        call("POST", "/api/v1/tenants", platformAdmin, Map.of("id", id, "name", "Bench " + id), 201);
    }

    String newTeam(String admin, String name) {
        return call("POST", "/api/v1/teams", admin, Map.of("name", name), 201).get("id").asText();
    }

    String newMember(String admin, String team, Map<String, Object> member) {
        return call("POST", "/api/v1/teams/" + team + "/members", admin, member, 201).get("id").asText();
    }

    String newAssessment(String admin, String team, String title) {
        Instant now = Instant.now();
        return call("POST", "/api/v1/assessments", admin, Map.of("teamId", team, "title", title,
                "opensAt", now.plus(Duration.ofDays(1)).toString(), "closesAt", now.plus(Duration.ofDays(30)).toString()),
                201).get("id").asText();
    }

    void open(String admin, String assessment) {
        call("POST", "/api/v1/assessments/" + assessment + "/open", admin, null, 200);
    }

    void close(String admin, String assessment) {
        call("POST", "/api/v1/assessments/" + assessment + "/close", admin, null, 200);
    }

    /** Invites every member of the assessment's team, codes returned to the caller. */
    List<String> inviteAll(String admin, String assessment) {
        JsonNode issued = call("POST", "/api/v1/assessments/" + assessment + "/invitations", admin,
                Map.of("delivery", "code"), 201).get("issued");
        return issued.findValuesAsText("code");
    }

    /** What a member does with a claim code: their own respondent credential. */
    String claim(String code) {
        return call("POST", "/api/v1/invitation-claims", null, Map.of("code", code), 201).get("token").asText();
    }

    void submit(String token, String assessment, String answers) {
        send(submission(token, assessment, answers), 201);
    }

    HttpRequest submission(String token, String assessment, String answers) {
        return HttpRequest.newBuilder(uri("/api/v1/assessments/" + assessment + "/response"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(answers)).build();
    }

    HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build();
    }

    JsonNode getJson(String path, String token) {
        return call("GET", path, token, null, 200);
    }

    JsonNode call(String method, String path, String token, Object body, int expected) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            if (body != null) {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String response = send(builder.build(), expected);
        try {
            return response.isEmpty() ? JSON.nullNode() : JSON.readTree(response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": not JSON: " + response, e);
        }
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": " + response.statusCode()
                        + " (expected " + expected + "): " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The 17 answers of {@link AnsweringWalkthroughTest#answers}, varied by {@code i}, submitted. */
    static String answers(long i) {
        return AnsweringWalkthroughTest.answers(i);
    }
}
