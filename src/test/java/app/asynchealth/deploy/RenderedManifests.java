package app.asynchealth.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code helm template} rendered, every manifest read strictly into its model class: an unknown kind, an unknown
 * field at any depth, or a value of the wrong type is an {@link AssertionError}.
 *
 * <p>Strictness needs more than {@code FAIL_ON_UNKNOWN_PROPERTIES}: fabric8's model classes take unknown fields into
 * {@code additionalProperties} (a {@code @JsonAnySetter}), so Jackson never sees them as unknown. After reading, the
 * object graph is walked and any non-empty {@code getAdditionalProperties()} fails, with the field's path.
 */
final class RenderedManifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** apiVersion/kind → the class the manifest must fit. Anything else the chart renders is an error. */
    private static final Map<String, Class<?>> MODEL = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    final String text;
    final List<Object> objects;

    private RenderedManifests(String text, List<Object> objects) {
        this.text = text;
        this.objects = objects;
    }

    static RenderedManifests read(String rendered) {
        List<Object> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue; // an empty document (a template that rendered nothing)
                }
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<?> modelClass = MODEL.get(type);
                if (modelClass == null) {
                    throw new AssertionError("The chart rendered a kind no test reads: " + type);
                }
                Object object;
                try {
                    object = YAML.treeToValue(document, modelClass);
                } catch (IOException e) {
                    throw new AssertionError(type + " does not fit its model: " + e.getMessage(), e);
                }
                assertNoUnknownFields(object, type + " " + document.path("metadata").path("name").asText());
                objects.add(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedManifests(rendered, objects);
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    // ------------------------------------------------------------------------------------------ strictness

    static void assertNoUnknownFields(Object root, String where) {
        walk(root, where, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Object value, String path, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, seen));
            return;
        }
        if (!isModelClass(value.getClass())) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    throw new AssertionError("Unknown field(s) " + unknown.keySet() + " at " + path + " ("
                            + value.getClass().getSimpleName() + ")");
                }
                continue;
            }
            walk(property, path + "." + propertyName(getter), seen);
        }
    }

    private static boolean isModelClass(Class<?> type) {
        return type.getName().startsWith("io.fabric8.kubernetes.api.model.") || type.isRecord();
    }

    private static boolean isPropertyGetter(Method method) {
        String name = method.getName();
        return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                && method.getDeclaringClass() != Object.class
                && (name.startsWith("get") || name.startsWith("is")
                        || method.getDeclaringClass().isRecord() && !name.equals("hashCode") && !name.equals("toString"));
    }

    private static String propertyName(Method getter) {
        String name = getter.getName();
        String bare = name.startsWith("get") ? name.substring(3) : name.startsWith("is") ? name.substring(2) : name;
        return bare.isEmpty() ? name : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + getter + " of " + target.getClass(), e);
        }
    }

    // ------------------------------------------------------------------------------------------ ServiceMonitor

    /*
     * prometheus-operator's ServiceMonitor (monitoring.coreos.com/v1) is a CRD with no fabric8 model in 8.0.0 on Maven
     * Central (openshift-model-monitoring is listed in the 8.0.0 BOM but not published). These records hold the fields
     * the chart uses, named as in the CRD's ServiceMonitorSpec and Endpoint; any other field fails
     * (FAIL_ON_UNKNOWN_PROPERTIES applies: records have no any-setter).
     */

    @JsonIgnoreProperties(ignoreUnknown = false)
    record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record ServiceMonitorSpec(LabelSelector selector, List<Endpoint> endpoints, NamespaceSelector namespaceSelector,
            String jobLabel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Endpoint(String port, String path, String scheme, String interval, String scrapeTimeout,
            Boolean honorLabels) {
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record NamespaceSelector(Boolean any, List<String> matchNames) {
    }
}
