package app.asynchealth.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A real Keycloak server ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by the build into
 * {@code target/keycloak/keycloak-<version>}, see pom.xml) in dev mode on a loopback port, with the operator's realm
 * ({@code docker/keycloak/async-health-realm.json}, exactly as an operator imports it) plus the tests' users,
 * organizations and clients merged in. Its H2 storage lives in the distribution's {@code data/} directory, which is
 * wiped before each start so that every run imports the realm afresh.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String HOME_PROPERTY = "keycloak.home";
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-e2e-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final String realm;
    private final Thread stopOnExit;

    private KeycloakServer(Process process, Path log, int port, String realm) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.realm = realm;
        this.stopOnExit = PackagedService.stopOnExit(process);
    }

    /** The realm an operator imports; the end-to-end suite imports the same file. */
    public static final Path OPERATOR_REALM = Path.of("docker", "keycloak", "async-health-realm.json");

    /**
     * Starts Keycloak on {@code port} with the operator's realm file plus the lists ({@code users}, {@code clients},
     * {@code organizations}) of this classpath resource, with these environment variables for the realm file's
     * placeholders, and waits until the realm's discovery document is served.
     */
    public static KeycloakServer start(String realm, Path realmFile, String fixturesResource, Map<String, String> env,
            int port, Duration readyTimeout) {
        Path home = home();
        Path data = home.resolve("data");
        PackagedService.deleteRecursively(data);
        Path imports = data.resolve("import");
        try (InputStream fixtures = KeycloakServer.class.getResourceAsStream(fixturesResource)) {
            if (fixtures == null) {
                throw new IllegalStateException("no fixtures " + fixturesResource + " on the test classpath");
            }
            ObjectNode merged = (ObjectNode) JSON.readTree(realmFile.toFile());
            JsonNode extra = JSON.readTree(fixtures);
            for (String list : List.of("users", "clients", "organizations")) {
                ArrayNode target = merged.has(list) ? (ArrayNode) merged.get(list) : merged.putArray(list);
                extra.path(list).forEach(target::add);
            }
            Files.createDirectories(imports);
            JSON.writeValue(imports.resolve(realm + "-realm.json").toFile(), merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + PackagedService.freePort(), "--import-realm");
        Path log = PackagedService.logFile("keycloak");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Nothing of a developer's own Keycloak configuration applies to this one.
        builder.environment().keySet().removeIf(key -> key.startsWith("KC_") || key.startsWith("QUARKUS_"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        KeycloakServer server = new KeycloakServer(process, log, port, realm);
        try {
            server.awaitRealm(readyTimeout);
        } catch (RuntimeException | Error e) {
            server.printLogTail(120);
            server.close();
            throw e;
        }
        return server;
    }

    /** The realm's URL, which is also the issuer of its tokens. */
    public String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    /** An access token of a confidential client's service account (client-credentials grant). */
    public String clientCredentialsToken(String clientId, String secret) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret)
                .post(tokenEndpoint()).then().statusCode(200).extract().path("access_token");
    }

    /** An access token of a person (password grant through a client allowing direct access grants). */
    public String passwordToken(String clientId, String username, String password) {
        return passwordToken(tokenEndpoint(), clientId, username, password, null);
    }

    /** As {@link #passwordToken(String, String, String)}, asking for these (space-separated) client scopes. */
    public String passwordToken(String clientId, String username, String password, String scope) {
        return passwordToken(tokenEndpoint(), clientId, username, password, scope);
    }

    /** A token of the bootstrap administrator, issued by the {@code master} realm, not by {@link #realmUrl()}. */
    public String masterRealmAdminToken() {
        return passwordToken("http://127.0.0.1:" + port + "/realms/master/protocol/openid-connect/token", "admin-cli",
                ADMIN_USERNAME, ADMIN_PASSWORD, null);
    }

    private static String passwordToken(String endpoint, String clientId, String username, String password,
            String scope) {
        RequestSpecification request = given().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("client_id", clientId).formParam("username", username).formParam("password", password);
        if (scope != null) {
            request.formParam("scope", scope);
        }
        return request.post(endpoint).then().statusCode(200).extract().path("access_token");
    }

    /** A request to the realm's admin REST API ({@code /admin/realms/<realm>}), as the bootstrap administrator. */
    public RequestSpecification admin() {
        return given().baseUri("http://127.0.0.1:" + port + "/admin/realms/" + realm).auth()
                .oauth2(masterRealmAdminToken()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public Path logFile() {
        return log;
    }

    public void printLogTail(int lines) {
        System.err.println(PackagedService.tail(log, lines, "Keycloak"));
    }

    /** Stops Keycloak (kc.sh and the JVM it starts). */
    @Override
    public void close() {
        PackagedService.stop(process, Duration.ofSeconds(30));
        PackagedService.forget(stopOnExit);
    }

    private void awaitRealm(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> response = client.send(discovery, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(realmUrl())) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            PackagedService.sleep(1000);
        }
        throw new IllegalStateException("Keycloak's realm " + realm + " not ready after " + timeout + " (last: " + last
                + ")");
    }

    private static Path home() {
        String configured = System.getProperty(HOME_PROPERTY);
        Path home;
        if (configured != null) {
            home = Path.of(configured);
        } else {
            try (Stream<Path> candidates = Files.list(Path.of("target", "keycloak"))) {
                home = candidates.filter(path -> path.getFileName().toString().startsWith("keycloak-")).findFirst()
                        .orElseThrow();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("no Keycloak distribution under target/keycloak: run "
                        + "'./mvnw verify' (its pre-integration-test phase unpacks it)", e);
            }
        }
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home.toAbsolutePath());
        }
        return home.toAbsolutePath();
    }
}
