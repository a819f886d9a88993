package app.asynchealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docker/compose.yaml and the Dockerfiles cannot be run here (no container engine in the build), so their promises are
 * checked by reading them: the service is configured by documented keys only and has everything an external database
 * needs, every service has a health check, every dependency waits on a condition, every mounted file exists, the
 * Keycloak URL is the issuer Keycloak writes into tokens, and the images run as a non-root user with a health check.
 * Each check also runs once against a broken copy, so that it is known to be able to fail.
 */
class ComposeFileTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    private static final Path README = Path.of("README.md");
    private static final List<Path> DOCKERFILES = List.of(DOCKER.resolve("Dockerfile.jvm"), DOCKER.resolve("Dockerfile.native"));
    private static final String SERVICE = "async-health";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the service cannot start without when it uses an external database: each entry is one of its names. */
    private static final List<Set<String>> EXTERNAL_DATABASE_NEEDS = List.of(
            Set.of("ASYNC_HEALTH_DB_URL"),
            Set.of("ASYNC_HEALTH_DB_APP_USER"),
            Set.of("ASYNC_HEALTH_DB_APP_PASSWORD"),
            Set.of("ASYNC_HEALTH_DB_MIGRATION_USER"),
            Set.of("ASYNC_HEALTH_DB_MIGRATION_PASSWORD"),
            // The public key is derived from the private key when it is not given.
            Set.of("ASYNC_HEALTH_JWT_PRIVATE_KEY_LOCATION"),
            Set.of("ASYNC_HEALTH_ANONYMITY_SLOT_KEY", "ASYNC_HEALTH_ANONYMITY_SLOT_KEY_LOCATION"),
            Set.of("ASYNC_HEALTH_SECRETS_KEY", "ASYNC_HEALTH_SECRETS_KEY_LOCATION"),
            Set.of("ASYNC_HEALTH_KEYCLOAK_ENABLED"),
            Set.of("ASYNC_HEALTH_KEYCLOAK_URL"));

    // ------------------------------------------------------------------------------------------------ the real files

    @Test
    void everyVariableTheServiceSetsIsADocumentedConfigurationKey() throws IOException {
        Set<String> documented = documentedVariables(Files.readString(README));
        // The parse itself: shorthand rows expand, and the table is not empty.
        assertThat(documented).contains("ASYNC_HEALTH_DB_URL", "ASYNC_HEALTH_DB_MIGRATION_PASSWORD",
                "ASYNC_HEALTH_JWT_AUDIENCE", "ASYNC_HEALTH_WEBHOOKS_RETRY_MAX_INTERVAL", "QUARKUS_MAILER_START_TLS",
                "JAVA_OPTS_APPEND");

        assertThat(undocumentedVariables(compose(), documented)).isEmpty();
    }

    @Test
    void theServiceHasEverythingAnExternalDatabaseNeeds() throws IOException {
        assertThat(missingForExternalDatabase(compose())).isEmpty();
    }

    @Test
    void theKeycloakUrlIsTheIssuerKeycloakWritesIntoTokens() throws IOException {
        assertThat(issuerMismatch(compose(), realmName())).isEmpty();
    }

    @Test
    void everyServiceHasAHealthCheck() throws IOException {
        assertThat(servicesWithoutHealthCheck(compose())).isEmpty();
    }

    @Test
    void everyDependencyNamesAServiceAndWaitsOnACondition() throws IOException {
        assertThat(badDependencies(compose())).isEmpty();
    }

    @Test
    void everyFileMountedOrBuiltFromTheRepositoryExists() throws IOException {
        assertThat(missingFiles(compose(), DOCKER)).isEmpty();
    }

    @Test
    void keycloakImportsTheRealmAndItsSamplePeopleUnderTheNamesItsDirectoryImportReads() throws IOException {
        assertThat(importProblems(compose(), DOCKER)).isEmpty();
    }

    @Test
    void theImagesRunAsANonRootUserWithAHealthCheck() throws IOException {
        for (Path dockerfile : DOCKERFILES) {
            assertThat(dockerfileProblems(Files.readString(dockerfile))).as(dockerfile.toString()).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------- each check can fail

    @Test
    void anUndocumentedVariableIsFound() throws IOException {
        ObjectNode broken = compose();
        environment(broken, SERVICE).put("ASYNC_HEALTH_NO_SUCH_KEY", "x");

        assertThat(undocumentedVariables(broken, documentedVariables(Files.readString(README))))
                .containsExactly("ASYNC_HEALTH_NO_SUCH_KEY");
    }

    @Test
    void aMissingDatabaseSettingIsFound() throws IOException {
        ObjectNode broken = compose();
        environment(broken, SERVICE).remove("ASYNC_HEALTH_SECRETS_KEY_LOCATION");

        assertThat(missingForExternalDatabase(broken)).singleElement().asString().contains("ASYNC_HEALTH_SECRETS_KEY");
    }

    @Test
    void anIssuerThatDiffersFromTheKeycloakUrlIsFound() throws IOException {
        ObjectNode broken = compose();
        environment(broken, "keycloak").put("KC_HOSTNAME", "http://localhost:8180");

        assertThat(issuerMismatch(broken, realmName())).isNotEmpty();
    }

    @Test
    void aServiceWithoutHealthCheckIsFound() throws IOException {
        ObjectNode broken = compose();
        ((ObjectNode) broken.path("services").path("postgres")).remove("healthcheck");
        ((ObjectNode) broken.path("services").path("keycloak").path("healthcheck")).put("disable", true);

        assertThat(servicesWithoutHealthCheck(broken)).containsExactlyInAnyOrder("postgres", "keycloak");
    }

    @Test
    void aDependencyOnNothingOrWithoutConditionIsFound() throws IOException {
        ObjectNode broken = compose();
        ObjectNode dependsOn = (ObjectNode) broken.path("services").path(SERVICE).path("depends_on");
        dependsOn.putObject("nowhere").put("condition", "service_healthy");
        ((ObjectNode) dependsOn.path("postgres")).put("condition", "service_started");
        ((ObjectNode) broken.path("services").path("seed")).putArray("depends_on").add("keycloak");

        assertThat(badDependencies(broken)).hasSize(3);
    }

    @Test
    void aMountedFileThatDoesNotExistIsFound() throws IOException {
        ObjectNode broken = compose();
        ((ArrayNode) broken.path("services").path("keycloak").path("volumes"))
                .add("./keycloak/no-such-file.json:/opt/keycloak/data/import/no-such-file.json:ro");

        assertThat(missingFiles(broken, DOCKER)).singleElement().asString().contains("no-such-file.json");
    }

    @Test
    void aPeopleFileKeycloakWouldNotReadIsFound() throws IOException {
        ObjectNode broken = compose();
        ((ArrayNode) broken.path("services").path("keycloak").path("volumes"))
                .add("./keycloak/async-health-users-0.json:/opt/keycloak/data/import/people.json:ro");

        assertThat(importProblems(broken, DOCKER)).singleElement().asString().contains("people.json");
    }

    @Test
    void aDockerfileRunningAsRootOrWithoutHealthCheckIsFound() throws IOException {
        String jvm = Files.readString(DOCKERFILES.get(0));

        assertThat(dockerfileProblems(jvm.replace("USER 185", "USER root"))).isNotEmpty();
        assertThat(dockerfileProblems(jvm.replace("USER 185", ""))).isNotEmpty();
        assertThat(dockerfileProblems(jvm.replaceAll("(?m)^HEALTHCHECK", "# HEALTHCHECK"))).isNotEmpty();
        assertThat(dockerfileProblems(jvm + "\nHEALTHCHECK NONE\n")).isNotEmpty();
        // Only the stage that becomes the image counts: a non-root user of a build stage does not.
        assertThat(dockerfileProblems("FROM a AS build\nUSER 1001\nHEALTHCHECK CMD true\nFROM b\n")).hasSize(2);
    }

    // ----------------------------------------------------------------------------------------------- the checks

    /**
     * The environment variables README.md's Configuration table documents: each key {@code a.b-c} as {@code A_B_C}
     * (shorthand rows such as "`async-health.db.app-user` / `app-password`" name siblings of the first key), and the
     * variables it names themselves, such as {@code JAVA_OPTS_APPEND}.
     */
    static Set<String> documentedVariables(String readme) {
        int start = readme.indexOf("\n## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        Set<String> variables = new LinkedHashSet<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher names = code.matcher(line.split("\\|")[1]);
            String first = null;
            while (names.find()) {
                String name = names.group(1);
                if (name.matches("[A-Z][A-Z0-9_]*")) {
                    variables.add(name);
                } else if (name.contains(".")) {
                    first = name;
                    variables.add(variableOf(name));
                } else if (first != null) {
                    variables.add(variableOf(first.substring(0, first.lastIndexOf('.') + 1) + name));
                }
            }
        }
        return variables;
    }

    /** The MicroProfile Config mapping of a key to its environment variable. */
    static String variableOf(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    static List<String> undocumentedVariables(JsonNode compose, Set<String> documented) {
        return environmentOf(compose, SERVICE).keySet().stream().filter(name -> !documented.contains(name)).toList();
    }

    static List<String> missingForExternalDatabase(JsonNode compose) {
        Set<String> given = environmentOf(compose, SERVICE).keySet();
        return EXTERNAL_DATABASE_NEEDS.stream().filter(names -> names.stream().noneMatch(given::contains))
                .map(names -> "one of " + names).toList();
    }

    /**
     * Keycloak writes {@code <hostname>/realms/<realm>} into the tokens' iss when its hostname is fixed; the service
     * accepts only an iss equal to its Keycloak URL (and fetches the realm's keys under it).
     */
    static List<String> issuerMismatch(JsonNode compose, String realm) {
        String hostname = environmentOf(compose, "keycloak").get("KC_HOSTNAME");
        String keycloakUrl = environmentOf(compose, SERVICE).get("ASYNC_HEALTH_KEYCLOAK_URL");
        if (hostname == null || !hostname.startsWith("http")) {
            return List.of("Keycloak's KC_HOSTNAME is not a fixed URL, so iss follows whoever asks: " + hostname);
        }
        String issuer = hostname.replaceAll("/$", "") + "/realms/" + realm;
        return issuer.equals(keycloakUrl) ? List.of()
                : List.of("tokens say iss=" + issuer + " but ASYNC_HEALTH_KEYCLOAK_URL=" + keycloakUrl);
    }

    static List<String> servicesWithoutHealthCheck(JsonNode compose) {
        List<String> without = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> {
            JsonNode healthcheck = service.getValue().path("healthcheck");
            if (healthcheck.path("disable").asBoolean(false) || healthcheck.path("test").isEmpty()) {
                without.add(service.getKey());
            }
        });
        return without;
    }

    static List<String> badDependencies(JsonNode compose) {
        JsonNode services = compose.path("services");
        List<String> bad = new ArrayList<>();
        services.fields().forEachRemaining(service -> {
            JsonNode dependsOn = service.getValue().path("depends_on");
            if (dependsOn.isMissingNode()) {
                return;
            }
            if (!dependsOn.isObject()) {
                bad.add(service.getKey() + ": depends_on is a list, so it waits for no condition");
                return;
            }
            dependsOn.fields().forEachRemaining(dependency -> {
                String condition = dependency.getValue().path("condition").asText();
                if (!services.has(dependency.getKey())) {
                    bad.add(service.getKey() + " depends on " + dependency.getKey() + ", which is no service");
                } else if (!Set.of("service_healthy", "service_completed_successfully").contains(condition)) {
                    bad.add(service.getKey() + " depends on " + dependency.getKey() + " with condition '" + condition
                            + "'");
                }
            });
        });
        return bad;
    }

    /** Bind-mounted files and directories, build contexts and Dockerfiles, relative to the compose file's folder. */
    static List<String> missingFiles(JsonNode compose, Path base) {
        List<String> missing = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(service -> {
            for (Path file : repositoryFiles(service.getValue(), base)) {
                if (!Files.exists(file)) {
                    missing.add(service.getKey() + ": " + file);
                }
            }
        });
        return missing;
    }

    private static List<Path> repositoryFiles(JsonNode service, Path base) {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> mount : bindMounts(service).entrySet()) {
            files.add(base.resolve(mount.getKey()).normalize());
        }
        JsonNode build = service.path("build");
        if (build.isTextual()) {
            files.add(base.resolve(build.asText()).normalize());
        } else if (build.isObject()) {
            Path context = base.resolve(build.path("context").asText(".")).normalize();
            files.add(context);
            files.add(context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize());
        }
        return files;
    }

    /**
     * Keycloak's directory import (data/import with --import-realm) reads {@code <realm>-realm.json} and then every
     * {@code <realm>-users-<n>.json}, where the realm named in the file must match its file name; other files there
     * are imported as whole realms. So every JSON file mounted into the import folder must follow those names, name
     * the realm of the operator's file, and (for people) hold only roles the realm defines, with a tenant for each
     * person of a tenant.
     */
    static List<String> importProblems(JsonNode compose, Path base) throws IOException {
        List<String> problems = new ArrayList<>();
        String realm = realmName();
        Set<String> roles = new LinkedHashSet<>();
        readJson(DOCKER.resolve("keycloak").resolve("async-health-realm.json")).path("roles").path("realm")
                .forEach(role -> roles.add(role.path("name").asText()));
        for (Map.Entry<String, String> mount : bindMounts(compose.path("services").path("keycloak")).entrySet()) {
            String target = mount.getValue();
            if (!target.startsWith("/opt/keycloak/data/import/")) {
                continue;
            }
            String name = target.substring(target.lastIndexOf('/') + 1);
            Path source = base.resolve(mount.getKey()).normalize();
            if (!name.equals(realm + "-realm.json") && !name.matches(Pattern.quote(realm) + "-users-[0-9]+\\.json")) {
                problems.add(name + " is neither " + realm + "-realm.json nor " + realm + "-users-<n>.json");
                continue;
            }
            JsonNode file = readJson(source);
            if (!realm.equals(file.path("realm").asText())) {
                problems.add(name + " names realm '" + file.path("realm").asText() + "'");
            }
            for (JsonNode user : file.path("users")) {
                List<String> userRoles = new ArrayList<>();
                user.path("realmRoles").forEach(role -> userRoles.add(role.asText()));
                userRoles.stream().filter(role -> !roles.contains(role))
                        .forEach(role -> problems.add(user.path("username").asText() + " has unknown role " + role));
                boolean ofATenant = userRoles.stream().anyMatch(Set.of("tenant-admin", "team-lead", "member")::contains);
                if (ofATenant && user.path("attributes").path("tenant").path(0).asText().isEmpty()) {
                    problems.add(user.path("username").asText() + " belongs to no tenant");
                }
            }
        }
        return problems;
    }

    /** The final stage of a Dockerfile (the image) must switch to a non-root user and declare a health check. */
    static List<String> dockerfileProblems(String dockerfile) {
        String user = null;
        String healthcheck = null;
        for (String instruction : instructions(dockerfile)) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String argument = parts.length > 1 ? parts[1].strip() : "";
            switch (keyword) {
                case "FROM" -> {
                    user = null;
                    healthcheck = null;
                }
                case "USER" -> user = argument;
                case "HEALTHCHECK" -> healthcheck = argument;
                default -> {
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (user == null || user.split(":")[0].equals("root") || user.split(":")[0].equals("0")) {
            problems.add("the image runs as root (USER " + user + ")");
        }
        if (healthcheck == null || healthcheck.equalsIgnoreCase("NONE") || !healthcheck.contains("/q/health/")) {
            problems.add("no HEALTHCHECK against /q/health/ (" + healthcheck + ")");
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------------------- reading

    private static ObjectNode compose() throws IOException {
        return (ObjectNode) YAML.readTree(COMPOSE.toFile());
    }

    private static String realmName() throws IOException {
        return readJson(DOCKER.resolve("keycloak").resolve("async-health-realm.json")).path("realm").asText();
    }

    private static JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** A service's environment, given as a map or as a list of NAME=value. */
    private static Map<String, String> environmentOf(JsonNode compose, String service) {
        JsonNode environment = compose.path("services").path(service).path("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(variable -> variables.put(variable.getKey(), variable.getValue().asText()));
        } else {
            for (JsonNode entry : environment) {
                String[] pair = entry.asText().split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        }
        return variables;
    }

    private static ObjectNode environment(ObjectNode compose, String service) {
        return (ObjectNode) compose.path("services").path(service).path("environment");
    }

    /** Bind mounts of a service, source (as written) to target; named volumes are left out. */
    private static Map<String, String> bindMounts(JsonNode service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String source;
            String target;
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : "";
            } else {
                source = volume.path("source").asText();
                target = volume.path("target").asText();
            }
            if (source.startsWith(".") || source.startsWith("/")) {
                mounts.put(source, target);
            }
        }
        return mounts;
    }

    /** Instructions without comments, continuation lines joined. */
    private static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Iterator<String> lines = dockerfile.lines().iterator();
        while (lines.hasNext()) {
            String line = lines.next().strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return instructions;
    }
}
