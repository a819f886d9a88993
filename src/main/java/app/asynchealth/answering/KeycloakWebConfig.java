package app.asynchealth.answering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Derives the answer page's sign-in tenant ({@value #TENANT}) from the service's own keys, so that an operator sets
 * two of them and nothing of quarkus-oidc: it is on only when Keycloak is ({@code async-health.keycloak.enabled}) and
 * a web client is named ({@code async-health.keycloak.web.client-id}); with an https {@code async-health.public-url}
 * its cookies are Secure and its redirect URIs https even behind a proxy that terminates TLS. Its ordinal lies between
 * application.properties (250) and the environment (300), so an explicit {@code QUARKUS_OIDC_KEYCLOAK_WEB_*} still wins.
 */
public class KeycloakWebConfig implements ConfigSourceFactory {

    public static final String TENANT = "keycloak-web";
    static final String ENABLED = "quarkus.oidc." + TENANT + ".tenant-enabled";
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new MapBackedConfigSource("async-health keycloak-web", derive(
                value(context, "async-health.keycloak.enabled"), value(context, "async-health.keycloak.web.client-id"),
                value(context, "async-health.public-url")), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static Map<String, String> derive(String keycloakEnabled, String clientId, String publicUrl) {
        Map<String, String> derived = new HashMap<>();
        boolean on = "true".equalsIgnoreCase(keycloakEnabled == null ? "" : keycloakEnabled.strip())
                && clientId != null && !clientId.isBlank();
        derived.put(ENABLED, Boolean.toString(on));
        if (publicUrl != null && publicUrl.strip().startsWith("https:")) {
            derived.put("quarkus.oidc." + TENANT + ".authentication.cookie-force-secure", "true");
            derived.put("quarkus.oidc." + TENANT + ".authentication.force-redirect-https-scheme", "true");
        }
        return derived;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
