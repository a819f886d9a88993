package app.asynchealth.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Secrets given as files rather than as values, as container platforms hand them over (a mounted secret, a volume a
 * key generator wrote): each secret below that is not set is read from the file its {@code -location} key names, and
 * the public key of the service's own tokens, when not given, is derived from the private key. Applied once at start,
 * before the configuration is read, so that the rest of the service sees plain values.
 */
public final class KeyFiles {

    public static final String PRIVATE_KEY_LOCATION = "async-health.jwt.private-key-location";
    public static final String PUBLIC_KEY = "async-health.jwt.public-key";
    /** Secrets that may come from a file named by their key plus {@link #LOCATION_SUFFIX}. */
    public static final List<String> FILE_SECRETS = List.of("async-health.anonymity.slot-key", "async-health.secrets.key");
    public static final String LOCATION_SUFFIX = "-location";

    private KeyFiles() {
    }

    /**
     * The settings to add, given how to look up a setting (null when unset). A value given directly always wins over
     * a file, so nothing here overrides configuration.
     *
     * @throws IllegalStateException when a named file cannot be read or holds no usable key
     */
    public static Map<String, String> configuration(Function<String, String> setting) {
        Map<String, String> added = new LinkedHashMap<>();
        for (String key : FILE_SECRETS) {
            String location = setting.apply(key + LOCATION_SUFFIX);
            if (setting.apply(key) == null && location != null) {
                added.put(key, read(key + LOCATION_SUFFIX, Path.of(location)));
            }
        }
        String privateKey = setting.apply(PRIVATE_KEY_LOCATION);
        if (setting.apply(PUBLIC_KEY) == null && privateKey != null) {
            try {
                added.put(PUBLIC_KEY, SigningKeys.publicKeyOf(Path.of(privateKey)));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot derive " + PUBLIC_KEY + " from " + PRIVATE_KEY_LOCATION + " "
                        + privateKey + " (a PEM PKCS#8 RSA private key): " + e.getMessage(), e);
            }
        }
        return added;
    }

    private static String read(String locationKey, Path file) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException(locationKey + " " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + locationKey + " " + file + ": " + e, e);
        }
    }
}
