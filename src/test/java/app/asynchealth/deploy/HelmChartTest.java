package app.asynchealth.deploy;

import app.asynchealth.deploy.RenderedManifests.ServiceMonitor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Helm chart (helm/async-health), through real Helm (helm-java bundles Helm's library; nothing is downloaded):
 * lint, then render with the default values and with a production-like values file, read every manifest strictly
 * (see {@link RenderedManifests}) and check what matters for running the service.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/async-health");
    private static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
    private static final Path README = Path.of("README.md");
    private static final Path DOCKERFILE_JVM = Path.of("docker/Dockerfile.jvm");

    private static final String EXISTING_SECRET = "async-health-credentials";
    /** Where the Secret's key files are mounted. */
    private static final String KEY_DIR = "/etc/async-health/keys";
    /**
     * The key files, named as docker/keygen writes them (the existing Secret's keys), and the variable of the
     * configuration key that names each.
     */
    private static final Map<String, String> KEY_FILES = Map.of(
            "signing-key.pem", "ASYNC_HEALTH_JWT_PRIVATE_KEY_LOCATION",
            "slot.key", "ASYNC_HEALTH_ANONYMITY_SLOT_KEY_LOCATION",
            "secrets.key", "ASYNC_HEALTH_SECRETS_KEY_LOCATION");
    private static final long MIB = 1024 * 1024;

    /** Each secret value the chart can render, with a value no other text of the output contains. */
    private static final Map<String, String> SECRET_VALUES = Map.of(
            "secrets.dbAppPassword", "app-password-5f1c2e",
            "secrets.dbMigrationPassword", "migration-password-77ab09",
            "secrets.jwtPrivateKey", "-----BEGIN PRIVATE KEY-----\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
            "secrets.anonymitySlotKey", "c2xvdC1rZXktc2xvdC1rZXktc2xvdC1rZXktc2xvdC1rZXk=",
            "secrets.secretsKey", "c2VhbC1rZXktc2VhbC1rZXktc2VhbC1rZXktc2VhbC0xMjM=");

    // ============================================================================================ lint

    @Test
    void lintPassesStrictlyWithTheDefaultValues() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void lintPassesStrictlyWithTheProductionValues(@TempDir Path workDir) throws IOException {
        // helm-java's lint takes no values file: lint a copy of the chart whose values.yaml is the production values
        // laid over the defaults (as `helm lint -f` would).
        Path chart = copyChart(workDir);
        JsonNode merged = merge(RenderedManifests.YAML.readTree(CHART.resolve("values.yaml").toFile()),
                RenderedManifests.YAML.readTree(PRODUCTION_VALUES.toFile()));
        RenderedManifests.YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);

        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @Test
    void lintFailsOnAValueTheSchemaRefuses(@TempDir Path workDir) throws IOException {
        Path chart = copyChart(workDir);
        String values = Files.readString(chart.resolve("values.yaml"));
        Files.writeString(chart.resolve("values.yaml"), values.replace("replicaCount: 2", "replicaCount: three"));

        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("replicaCount");
    }

    // ============================================================================================ schema

    @Test
    void theSchemaRefusesAStringReplicaCount() {
        assertThatThrownBy(() -> render(template -> template.set("replicaCount", "three")))
                .hasMessageContaining("replicaCount");
    }

    @Test
    void theSchemaRefusesAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> render(template -> template.set("replicas", 3)))
                .hasMessageContaining("replicas");
    }

    @Test
    void theSchemaRefusesAnUnknownNestedKeyAndAnUnsafeSecurityContext() {
        assertThatThrownBy(() -> render(template -> template.set("resources.limits.memroy", "1Gi")))
                .hasMessageContaining("memroy");
        assertThatThrownBy(() -> render(template -> template.set("securityContext.readOnlyRootFilesystem", false)))
                .hasMessageContaining("readOnlyRootFilesystem");
    }

    @Test
    void theSchemaRefusesAMissingMemoryLimitAndAnUndocumentedLookingConfigKey() {
        assertThatThrownBy(() -> render(template -> template.set("resources.limits.memory", "null")))
                .hasMessageContaining("limits")
                .hasMessageContaining("memory is required");
        // The chart sets the database URL itself; a second one in config would be a duplicate environment variable.
        assertThatThrownBy(() -> render(template -> template.set("config.async-health\\.db\\.url", "jdbc:postgresql://x/y")))
                .hasMessageContaining("config");
    }

    @Test
    void keycloakEnabledWithoutAUrlFails() {
        assertThatThrownBy(() -> render(template -> template.set("keycloak.enabled", true)))
                .hasMessageContaining("keycloak.url");
    }

    // ============================================================================================ strict reading

    @Test
    void everyRenderedManifestFitsItsModelWithTheDefaultAndTheProductionValues() {
        RenderedManifests defaults = renderDefaults();
        RenderedManifests production = renderProduction();

        assertThat(kinds(defaults)).containsExactlyInAnyOrder(
                "ConfigMap", "Secret", "Service", "ServiceAccount", "Deployment", "PodDisruptionBudget");
        assertThat(kinds(production)).containsExactlyInAnyOrder(
                "ConfigMap", "Service", "ServiceAccount", "Deployment", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "Ingress", "ServiceMonitor");
    }

    @Test
    void aMisspeltFieldFailsTheStrictReadingAtAnyDepth() {
        String rendered = renderProduction().text;
        assertThat(rendered).contains("readinessProbe:", "allowPrivilegeEscalation:", "scrapeTimeout:");

        // Top of a container, deep in a security context, and in the ServiceMonitor (a CRD, read into records).
        assertThatThrownBy(() -> RenderedManifests.read(rendered.replace("readinessProbe:", "readynessProbe:")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("readynessProbe");
        assertThatThrownBy(() -> RenderedManifests.read(
                rendered.replace("allowPrivilegeEscalation:", "allowPrivilegeEscalaton:")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("allowPrivilegeEscalaton");
        assertThatThrownBy(() -> RenderedManifests.read(rendered.replace("scrapeTimeout:", "scrapeTimout:")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("scrapeTimout");
    }

    @Test
    void aKindNoTestReadsFails() {
        String rendered = renderDefaults().text + "\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n";

        assertThatThrownBy(() -> RenderedManifests.read(rendered))
                .isInstanceOf(AssertionError.class).hasMessageContaining("batch/v1/Job");
    }

    // ============================================================================================ the pods

    @Test
    void theThreeProbesCheckQuarkusHealthOnTheHttpPort() {
        for (RenderedManifests manifests : List.of(renderDefaults(), renderProduction())) {
            Container container = container(manifests);

            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(8080);
            });
            assertHttpProbe(container.getStartupProbe(), "/q/health/started");
            assertHttpProbe(container.getLivenessProbe(), "/q/health/live");
            assertHttpProbe(container.getReadinessProbe(), "/q/health/ready");
            // Start-up includes the migrations and, with replicas starting together, waiting for Flyway's lock
            // (50 retries a second by default): the start-up budget must outlast that.
            Probe startup = container.getStartupProbe();
            assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(120);
        }
    }

    @Test
    void podsRunAsNonRootWithAReadOnlyRootAndNoCapabilities() {
        PodSpec pod = podSpec(renderDefaults());
        PodSecurityContext podSecurity = pod.getSecurityContext();
        SecurityContext security = pod.getContainers().get(0).getSecurityContext();

        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(185L);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);

        // The only writable place is /tmp, an emptyDir.
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .filteredOn(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
                .singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/tmp");
                    assertThat(volume(pod, mount.getName()).getEmptyDir()).isNotNull();
                });
    }

    @Test
    void theServiceAccountTokenIsNeverMounted() {
        RenderedManifests manifests = renderDefaults();

        assertThat(manifests.one(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        assertThat(podSpec(manifests).getAutomountServiceAccountToken()).isFalse();
        assertThat(podSpec(manifests).getServiceAccountName())
                .isEqualTo(manifests.one(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void resourcesHaveRequestsAndLimitsAndTheHeapIsAShareOfTheMemoryLimit() {
        for (RenderedManifests manifests : List.of(renderDefaults(), renderProduction())) {
            Container container = container(manifests);
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).containsKeys("cpu", "memory");
            assertThat(limits).containsKeys("cpu", "memory");
            assertThat(bytes(requests.get("memory"))).isEqualTo(bytes(limits.get("memory")));

            // The heap is a percentage of the memory limit the JVM reads from the cgroup (the image's run-java
            // script turns JAVA_MAX_MEM_RATIO into -XX:MaxRAMPercentage); no fixed -Xmx, and no second percentage in
            // JAVA_OPTS_APPEND that would override it. What is left must hold metaspace, code cache, thread stacks
            // and direct buffers.
            Map<String, String> environment = environment(container);
            assertThat(environment.get("JAVA_OPTS_APPEND")).doesNotContain("-Xmx", "MaxRAMPercentage", "MaxRAMFraction");
            double percentage = Double.parseDouble(environment.get("JAVA_MAX_MEM_RATIO"));
            long limit = bytes(limits.get("memory"));
            long heap = (long) (limit * percentage / 100);
            assertThat(heap).as("heap").isGreaterThanOrEqualTo(512 * MIB);
            assertThat(limit - heap).as("memory left for what is not heap").isGreaterThanOrEqualTo(256 * MIB);
        }
    }

    @Test
    void theHeapPercentageComesFromTheValuesAndDefaultsToTheImagesOwn() throws IOException {
        RenderedManifests manifests = render(template -> template.set("jvm.maxMemRatio", 60));

        assertThat(environment(container(manifests))).containsEntry("JAVA_MAX_MEM_RATIO", "60");
        assertThat(environment(container(renderDefaults())))
                .containsEntry("JAVA_MAX_MEM_RATIO", imageEnvironment().get("JAVA_MAX_MEM_RATIO"));
    }

    @Test
    void theJvmOptionsKeepTheImagesOwnAndEndAnOutOfMemoryJvm() throws IOException {
        // JAVA_OPTS_APPEND replaces the image's value (the HTTP host and the JBoss log manager): the chart's must
        // carry each of its options, then its own.
        List<String> imageOptions = List.of(imageEnvironment().get("JAVA_OPTS_APPEND").split("\\s+"));
        assertThat(imageOptions).contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

        for (RenderedManifests manifests : List.of(renderDefaults(), renderProduction())) {
            List<String> options = List.of(environment(container(manifests)).get("JAVA_OPTS_APPEND").split(" "));
            assertThat(options).startsWith(imageOptions.toArray(String[]::new))
                    .contains("-XX:+ExitOnOutOfMemoryError");
        }
        RenderedManifests extra = render(template -> template.set("jvm.extraOptions", "-Xss512k"));
        List<String> options = List.of(environment(container(extra)).get("JAVA_OPTS_APPEND").split(" "));
        assertThat(options).startsWith(imageOptions.toArray(String[]::new)).endsWith("-Xss512k");
    }

    @Test
    void stoppingDrainsBeforeSigtermAndTheGracePeriodOutlastsBoth() {
        RenderedManifests manifests = renderDefaults();
        PodSpec pod = podSpec(manifests);
        Container container = pod.getContainers().get(0);

        // The kubelet's sleep action, not a command run in the container: it needs nothing of the image.
        LifecycleHandler preStop = container.getLifecycle().getPreStop();
        assertThat(preStop.getExec()).isNull();
        int drainSeconds = preStop.getSleep().getSeconds().intValue();
        assertThat(drainSeconds).isPositive();
        String shutdownTimeout = configMap(manifests).get("QUARKUS_SHUTDOWN_TIMEOUT");
        assertThat(shutdownTimeout).matches("\\d+s");
        int gracefulSeconds = Integer.parseInt(shutdownTimeout.replace("s", ""));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan((long) drainSeconds + gracefulSeconds);
    }

    @Test
    void withoutADrainThereIsNoPreStopHook() {
        assertThat(container(render(template -> template.set("shutdown.preStopSleepSeconds", 0))).getLifecycle())
                .isNull();
    }

    @Test
    void theDefaultImageIsTheOneDockerfileJvmBuildsAndThePodsRunAsItsUser() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE_JVM);
        Matcher build = Pattern.compile("(?m)^# docker build -f docker/Dockerfile\\.jvm (.*) \\.$").matcher(dockerfile);
        assertThat(build.find()).as("the build command in %s", DOCKERFILE_JVM).isTrue();
        List<String> tags = new ArrayList<>();
        Matcher tag = Pattern.compile("-t (\\S+)").matcher(build.group(1));
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        assertThat(tags).contains(container(renderDefaults()).getImage());

        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(podSpec(renderDefaults()).getSecurityContext().getRunAsUser()).isEqualTo(Long.parseLong(user.group(1)));
    }

    @Test
    void replicasAreSpreadOverNodes() {
        PodSpec pod = podSpec(renderDefaults());

        assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
            assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(spread.getLabelSelector().getMatchLabels()).isEqualTo(
                    renderDefaults().one(Deployment.class).getSpec().getSelector().getMatchLabels());
        });
    }

    // ============================================================================================ configuration

    @Test
    void everyEnvironmentVariableSetIsADocumentedConfigurationKey() {
        Set<String> documented = DocumentedConfiguration.environmentVariables(README);

        for (RenderedManifests manifests : List.of(renderDefaults(), renderProduction())) {
            Set<String> set = new TreeSet<>(configMap(manifests).keySet());
            container(manifests).getEnv().forEach(variable -> set.add(variable.getName()));

            assertThat(undocumented(set, documented)).isEmpty();
            assertThat(set).contains("ASYNC_HEALTH_DB_URL", "ASYNC_HEALTH_DB_APP_USER", "ASYNC_HEALTH_DB_APP_PASSWORD",
                    "ASYNC_HEALTH_DB_MIGRATION_USER", "ASYNC_HEALTH_DB_MIGRATION_PASSWORD",
                    "ASYNC_HEALTH_JWT_PRIVATE_KEY_LOCATION", "ASYNC_HEALTH_ANONYMITY_SLOT_KEY_LOCATION",
                    "ASYNC_HEALTH_SECRETS_KEY_LOCATION", "ASYNC_HEALTH_LOG_JSON");
        }
        assertThat(configMap(renderProduction())).containsEntry("ASYNC_HEALTH_KEYCLOAK_ENABLED", "true")
                .containsEntry("ASYNC_HEALTH_KEYCLOAK_URL", "https://login.example.com/realms/async-health")
                .containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED");
    }

    @Test
    void theReadmeTableIsReadInBothItsShorthandAndItsExplicitForm() {
        Set<String> documented = DocumentedConfiguration.environmentVariables(README);
        // Shorthand rows ("`async-health.db.app-user` / `app-password`") give their second key too.
        assertThat(documented).contains("ASYNC_HEALTH_DB_APP_USER", "ASYNC_HEALTH_DB_APP_PASSWORD",
                "ASYNC_HEALTH_WEBHOOKS_RETRY_MAX_INTERVAL", "QUARKUS_MAILER_START_TLS", "JAVA_OPTS_APPEND",
                "JAVA_MAX_MEM_RATIO");

        String explicit = "## Configuration\n\n| Key | Default | Meaning |\n|---|---|---|\n"
                + "| `async-health.db.app-password` (`ASYNC_HEALTH_DB_APP_PASSWORD`) | | |\n"
                + "| `async-health.jwt.issuer` / `audience` | | |\n"
                + "| `JAVA_MAX_MEM_RATIO` (container images) | | |\n\n## Next\n| `not.this` | | |\n";
        assertThat(DocumentedConfiguration.environmentVariables(explicit)).containsExactly(
                "ASYNC_HEALTH_DB_APP_PASSWORD", "ASYNC_HEALTH_JWT_AUDIENCE", "ASYNC_HEALTH_JWT_ISSUER",
                "JAVA_MAX_MEM_RATIO");
        assertThatThrownBy(() -> DocumentedConfiguration.environmentVariables(
                "## Configuration\n\n| Key | Default | Meaning |\n|---|---|---|\n"
                        + "| `async-health.db.url` (`ASYNC_HEALTH_DB_URI`) | | |\n"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void anUndocumentedVariableIsReported() {
        Set<String> documented = DocumentedConfiguration.environmentVariables(README);

        assertThat(undocumented(Set.of("ASYNC_HEALTH_DB_URLL", "ASYNC_HEALTH_DB_URL"), documented))
                .containsExactly("ASYNC_HEALTH_DB_URLL");
    }

    // ============================================================================================ secrets

    @Test
    void withExistingSecretNoSecretIsRenderedAndThePodsReadThatSecret() {
        // A user name is not secret, but with existingSecret it comes from that Secret: not even it is rendered.
        RenderedManifests manifests = render(template -> template.withValuesFile(PRODUCTION_VALUES)
                .set("secrets.dbAppUser", "sentinel-user-4711"));

        assertThat(manifests.all(Secret.class)).isEmpty();
        assertThat(manifests.text).doesNotContain("kind: Secret", "sentinel-user-4711", "checksum/secret");
        PodSpec pod = podSpec(manifests);
        List<EnvVar> fromSecrets = pod.getContainers().get(0).getEnv().stream()
                .filter(variable -> variable.getValueFrom() != null).toList();
        assertThat(fromSecrets).hasSize(4).allSatisfy(variable -> {
            assertThat(variable.getValue()).isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(EXISTING_SECRET);
        });
        assertThat(volume(pod, "keys").getSecret().getSecretName()).isEqualTo(EXISTING_SECRET);
        assertThat(volume(pod, "keys").getSecret().getItems()).extracting(KeyToPath::getKey)
                .containsExactlyInAnyOrder(KEY_FILES.keySet().toArray(String[]::new));
    }

    @Test
    void withExistingSecretASecretValueInTheValuesIsRefused() {
        for (Map.Entry<String, String> secret : SECRET_VALUES.entrySet()) {
            String field = secret.getKey();
            assertThatThrownBy(() -> render(template -> template.withValuesFile(PRODUCTION_VALUES)
                    .set(field, secret.getValue())))
                    .as(field).hasMessageContaining(field).hasMessageContaining("existingSecret");
        }
    }

    @Test
    void withoutExistingSecretTheChartsSecretHoldsTheValuesAndPodsRollWhenOneChanges() {
        RenderedManifests manifests = render(HelmChartTest::withAllSecretValues);
        Secret secret = manifests.one(Secret.class);

        Map<String, String> decoded = new LinkedHashMap<>();
        secret.getData().forEach((key, value) ->
                decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        assertThat(decoded).containsOnlyKeys("db-app-user", "db-app-password", "db-migration-user",
                        "db-migration-password", "signing-key.pem", "slot.key", "secrets.key")
                .containsEntry("db-app-password", SECRET_VALUES.get("secrets.dbAppPassword"))
                .containsEntry("signing-key.pem", SECRET_VALUES.get("secrets.jwtPrivateKey"))
                .containsEntry("slot.key", SECRET_VALUES.get("secrets.anonymitySlotKey"))
                .containsEntry("secrets.key", SECRET_VALUES.get("secrets.secretsKey"));
        // Secret values appear only inside the Secret, base64-encoded, never in plain text.
        SECRET_VALUES.values().forEach(value -> assertThat(manifests.text).doesNotContain(value));
        assertThat(container(manifests).getEnv()).filteredOn(variable -> variable.getValueFrom() != null)
                .allSatisfy(variable -> assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo(secret.getMetadata().getName()));

        RenderedManifests changed = render(template -> withAllSecretValues(template)
                .set("secrets.dbAppPassword", "rotated-password"));
        assertThat(podAnnotation(changed, "checksum/secret")).isNotEqualTo(podAnnotation(manifests, "checksum/secret"));
        assertThat(podAnnotation(changed, "checksum/config")).isEqualTo(podAnnotation(manifests, "checksum/config"));
        RenderedManifests reconfigured = render(template -> withAllSecretValues(template).set("database.poolSize", 30));
        assertThat(podAnnotation(reconfigured, "checksum/config"))
                .isNotEqualTo(podAnnotation(manifests, "checksum/config"));
    }

    @Test
    void theKeysAreFilesOfTheSecretMountedReadOnlyAndTheirLocationsNameThem() {
        for (RenderedManifests manifests : List.of(renderDefaults(), renderProduction())) {
            PodSpec pod = podSpec(manifests);
            Container container = pod.getContainers().get(0);
            Volume keys = volume(pod, "keys");
            assertThat(keys.getSecret().getSecretName()).isEqualTo(container.getEnv().stream()
                    .filter(variable -> variable.getValueFrom() != null).findFirst().orElseThrow()
                    .getValueFrom().getSecretKeyRef().getName());
            // Readable by the pod's group (fsGroup) only, never written.
            assertThat(keys.getSecret().getDefaultMode()).isEqualTo(0440);
            assertThat(pod.getSecurityContext().getFsGroup()).isNotNull();
            assertThat(container.getVolumeMounts()).filteredOn(mount -> mount.getName().equals("keys")).singleElement()
                    .satisfies(mount -> {
                        assertThat(mount.getReadOnly()).isTrue();
                        assertThat(mount.getMountPath()).isEqualTo(KEY_DIR);
                    });

            Map<String, String> items = new LinkedHashMap<>();
            keys.getSecret().getItems().forEach(item -> items.put(item.getKey(), item.getPath()));
            Map<String, String> config = configMap(manifests);
            KEY_FILES.forEach((file, variable) -> {
                assertThat(items).containsEntry(file, file);
                assertThat(config).containsEntry(variable, KEY_DIR + "/" + file);
            });
            // The keys are never environment values: the public key is derived, the others read from the files.
            Set<String> variables = new TreeSet<>(config.keySet());
            container.getEnv().forEach(variable -> variables.add(variable.getName()));
            assertThat(variables).doesNotContain("ASYNC_HEALTH_JWT_PUBLIC_KEY", "ASYNC_HEALTH_ANONYMITY_SLOT_KEY",
                    "ASYNC_HEALTH_SECRETS_KEY");
        }
    }

    // ============================================================================================ scaling, traffic

    @Test
    void autoscalingFollowsTheValuesAndOwnsTheReplicaCount() {
        RenderedManifests production = renderProduction();
        HorizontalPodAutoscaler hpa = production.one(HorizontalPodAutoscaler.class);

        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(production.one(Deployment.class).getMetadata().getName());
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(65);
        });
        assertThat(production.one(Deployment.class).getSpec().getReplicas()).isNull();

        RenderedManifests defaults = renderDefaults();
        assertThat(defaults.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(defaults.one(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
        assertThatThrownBy(() -> render(template -> template.set("autoscaling.enabled", true)
                .set("autoscaling.minReplicas", 5).set("autoscaling.maxReplicas", 4)))
                .hasMessageContaining("minReplicas");
    }

    @Test
    void theDisruptionBudgetCoversThePods() {
        RenderedManifests manifests = renderProduction();
        PodDisruptionBudget budget = manifests.one(PodDisruptionBudget.class);

        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(manifests.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theServiceTheIngressAndTheServiceMonitorReachTheHttpPort() {
        RenderedManifests manifests = renderProduction();
        Service service = manifests.one(Service.class);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(podLabels(manifests)).containsAllEntriesOf(service.getSpec().getSelector());

        Ingress ingress = manifests.one(Ingress.class);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("async-health-tls");
            assertThat(tls.getHosts()).containsExactly("api.survey.example.com");
        });
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("api.survey.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });

        ServiceMonitor monitor = manifests.one(ServiceMonitor.class);
        assertThat(monitor.metadata().getLabels()).containsEntry("release", "prometheus");
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.spec().selector().getMatchLabels());
        assertThat(monitor.spec().endpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.port()).isEqualTo("http");
            assertThat(endpoint.path()).isEqualTo("/q/metrics");
            assertThat(endpoint.interval()).isEqualTo("15s");
        });
    }

    @Test
    void theImageTagDefaultsToTheAppVersion() throws IOException {
        String appVersion = RenderedManifests.YAML.readTree(CHART.resolve("Chart.yaml").toFile())
                .get("appVersion").asText();

        assertThat(container(renderDefaults()).getImage()).isEqualTo("async-health:" + appVersion);
        assertThat(container(render(template -> template.set("image.tag", "1.2.3"))).getImage())
                .isEqualTo("async-health:1.2.3");
    }

    // ============================================================================================ helpers

    private static RenderedManifests renderDefaults() {
        return render(UnaryOperator.identity());
    }

    private static RenderedManifests renderProduction() {
        return render(template -> template.withValuesFile(PRODUCTION_VALUES));
    }

    private static RenderedManifests render(UnaryOperator<TemplateCommand> options) {
        TemplateCommand template = new Helm(CHART).template().withName("ah").withNamespace("async-health");
        return RenderedManifests.read(options.apply(template).call());
    }

    private static TemplateCommand withAllSecretValues(TemplateCommand template) {
        SECRET_VALUES.forEach(template::set);
        return template;
    }

    private static Set<String> undocumented(Set<String> variables, Set<String> documented) {
        Set<String> unknown = new TreeSet<>(variables);
        unknown.removeAll(documented);
        return unknown;
    }

    private static List<String> kinds(RenderedManifests manifests) {
        return manifests.objects.stream().map(object -> object instanceof ServiceMonitor monitor
                ? monitor.kind() : ((HasMetadata) object).getKind()).toList();
    }

    private static PodSpec podSpec(RenderedManifests manifests) {
        return manifests.one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> podLabels(RenderedManifests manifests) {
        return manifests.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static String podAnnotation(RenderedManifests manifests, String name) {
        String value = manifests.one(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations().get(name);
        assertThat(value).as(name).isNotBlank();
        return value;
    }

    private static Container container(RenderedManifests manifests) {
        List<Container> containers = podSpec(manifests).getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> configMap(RenderedManifests manifests) {
        return manifests.one(ConfigMap.class).getData();
    }

    /** The container's literal environment values (not those read from a Secret). */
    private static Map<String, String> environment(Container container) {
        Map<String, String> values = new LinkedHashMap<>();
        container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .forEach(variable -> values.put(variable.getName(), variable.getValue()));
        return values;
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No volume " + name));
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(probe.getExec()).isNull();
    }

    /** The ENV instructions of docker/Dockerfile.jvm, the image the chart runs by default. */
    private static Map<String, String> imageEnvironment() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher instruction = Pattern.compile("(?m)^ENV (\\w+)=(?:\"([^\"]*)\"|(\\S+))$")
                .matcher(Files.readString(DOCKERFILE_JVM));
        while (instruction.find()) {
            environment.put(instruction.group(1),
                    instruction.group(2) != null ? instruction.group(2) : instruction.group(3));
        }
        assertThat(environment).containsKeys("JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO");
        return environment;
    }

    private static long bytes(Quantity quantity) {
        BigDecimal amount = Quantity.getAmountInBytes(quantity);
        return amount.longValueExact();
    }

    // ------------------------------------------------------------------------------------ chart copies

    private static Path copyChart(Path workDir) throws IOException {
        Path copy = workDir.resolve("async-health");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    /** Values laid over values, as Helm does: maps merge key by key, anything else is replaced. */
    private static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!(base instanceof ObjectNode baseObject) || !overlay.isObject()) {
            return overlay;
        }
        ObjectNode merged = baseObject.deepCopy();
        overlay.fields().forEachRemaining(field ->
                merged.set(field.getKey(), merged.has(field.getKey())
                        ? merge(merged.get(field.getKey()), field.getValue()) : field.getValue()));
        return merged;
    }
}
