package app.asynchealth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys the root README documents, in its "Configuration" table, as environment variable names
 * ({@code async-health.db.app-user} → {@code ASYNC_HEALTH_DB_APP_USER}).
 *
 * <p>A row's first cell holds one or more keys in backticks. Besides full keys it may hold shorthands that replace
 * the last segment of the key before them ({@code `async-health.db.app-user` / `app-password`}), and environment
 * variable names in capitals ({@code (`ASYNC_HEALTH_DB_URL`)}), which must match their key. A row that starts with a
 * variable name instead of a key documents that variable itself (the images' {@code JAVA_OPTS_APPEND}).
 */
final class DocumentedConfiguration {

    private static final Pattern SECTION = Pattern.compile("(?m)^## Configuration$");
    private static final Pattern NEXT_SECTION = Pattern.compile("(?m)^## ");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern FULL_KEY = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");
    private static final Pattern SHORTHAND = Pattern.compile("[a-z0-9-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z0-9_]+");

    private DocumentedConfiguration() {
    }

    static Set<String> environmentVariables(Path readme) {
        try {
            return environmentVariables(Files.readString(readme));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> environmentVariables(String readme) {
        Matcher heading = SECTION.matcher(readme);
        if (!heading.find()) {
            throw new AssertionError("README has no \"## Configuration\" section");
        }
        Matcher next = NEXT_SECTION.matcher(readme);
        int end = next.find(heading.end()) ? next.start() : readme.length();
        String section = readme.substring(heading.end(), end);
        Set<String> names = new TreeSet<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) {
                continue; // not a row of the table (its header, prose, the Keycloak subsection)
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            String previousKey = null;
            Matcher code = CODE.matcher(firstCell);
            while (code.find()) {
                String token = code.group(1).trim();
                if (FULL_KEY.matcher(token).matches()) {
                    previousKey = token;
                    names.add(toEnvironmentVariable(token));
                } else if (ENV_NAME.matcher(token).matches() && previousKey == null) {
                    names.add(token); // a variable that is not a configuration key, documented by itself
                } else if (ENV_NAME.matcher(token).matches()) {
                    if (!token.equals(toEnvironmentVariable(previousKey))) {
                        throw new AssertionError("README row names " + token + " next to " + previousKey + ": " + line);
                    }
                } else if (SHORTHAND.matcher(token).matches() && previousKey != null) {
                    previousKey = previousKey.substring(0, previousKey.lastIndexOf('.') + 1) + token;
                    names.add(toEnvironmentVariable(previousKey));
                } else {
                    throw new AssertionError("Cannot read the key `" + token + "` in README row: " + line);
                }
            }
        }
        return names;
    }

    /** The rule the README states: upper case, {@code .} and {@code -} as {@code _}. */
    static String toEnvironmentVariable(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
