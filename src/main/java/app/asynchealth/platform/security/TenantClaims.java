package app.asynchealth.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads the tenant a verified token speaks for: the {@code tenant} claim (the service's own tokens, or a Keycloak
 * user-attribute mapper), else the single Keycloak 26 {@code organization} the subject belongs to. A token naming
 * several organizations and no tenant claim names no tenant: the service does not guess.
 */
public final class TenantClaims {

    public static final String TENANT_CLAIM = "tenant";
    public static final String ORGANIZATION_CLAIM = "organization";
    public static final Pattern TENANT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");

    private TenantClaims() {
    }

    /** @throws IllegalArgumentException when the claims name a tenant that is not a well-formed tenant id */
    public static Optional<String> tenantOf(JsonWebToken token) {
        Object tenant = token.getClaim(TENANT_CLAIM);
        if (tenant != null) {
            return Optional.of(wellFormed(text(tenant)));
        }
        List<String> organizations = organizations(token.getClaim(ORGANIZATION_CLAIM));
        if (organizations.size() == 1) {
            return Optional.of(wellFormed(organizations.get(0)));
        }
        return Optional.empty();
    }

    private static String wellFormed(String tenant) {
        if (tenant == null || !TENANT_ID.matcher(tenant).matches()) {
            throw new IllegalArgumentException("the token's tenant is not a valid tenant id");
        }
        return tenant;
    }

    /** Keycloak sends organizations as a list of aliases or, with attributes or ids, as an object keyed by alias. */
    private static List<String> organizations(Object claim) {
        List<String> aliases = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> aliases.add(text(value)));
        } else if (claim instanceof JsonObject object) {
            aliases.addAll(object.keySet());
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> aliases.add(text(value)));
        } else if (claim instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> aliases.add(String.valueOf(key)));
        } else if (claim != null) {
            aliases.add(text(claim));
        }
        return aliases;
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonValue) {
            return null;
        }
        return value instanceof String string ? string : null;
    }
}
