package app.asynchealth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The configuration keys the root README documents, in its "Configuration" table, as environment variable names
 * ({@code async-health.db.app-user} → {@code ASYNC_HEALTH_DB_APP_USER}). The README is read as a Markdown reader
 * reads it (CommonMark with GitHub's tables): what does not render as a table row is not documented.
 *
 * <p>A row's first cell holds one or more keys in backticks. Besides full keys it may hold shorthands that replace
 * the last segment of the key before them ({@code `async-health.db.app-user` / `app-password`}), and environment
 * variable names in capitals ({@code (`ASYNC_HEALTH_DB_URL`)}), which must match their key. A row that starts with a
 * variable name instead of a key documents that variable itself (the images' {@code JAVA_OPTS_APPEND}). Rows whose
 * first cell does not start with code are not configuration (the Keycloak subsection's).
 */
final class DocumentedConfiguration {

    private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create())).build();
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
        Set<String> names = new TreeSet<>();
        boolean found = false;
        for (Node block = MARKDOWN.parse(readme).getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading && heading.getLevel() == 2) {
                if (found) {
                    break; // the next section
                }
                found = "Configuration".equals(text(heading));
            } else if (found && block instanceof TableBlock table) {
                for (TableRow row : rows(table)) {
                    if (row.getFirstChild() instanceof TableCell first && first.getFirstChild() instanceof Code) {
                        names.addAll(variables(first));
                    }
                }
            }
        }
        if (!found) {
            throw new AssertionError("README has no \"## Configuration\" section");
        }
        return names;
    }

    /** The variables one row's first cell names, its keys read in order. */
    private static Set<String> variables(TableCell cell) {
        Set<String> names = new TreeSet<>();
        String previousKey = null;
        for (Node inline = cell.getFirstChild(); inline != null; inline = inline.getNext()) {
            if (!(inline instanceof Code code)) {
                continue;
            }
            String token = code.getLiteral().trim();
            if (FULL_KEY.matcher(token).matches()) {
                previousKey = token;
                names.add(toEnvironmentVariable(token));
            } else if (ENV_NAME.matcher(token).matches() && previousKey == null) {
                names.add(token); // a variable that is not a configuration key, documented by itself
            } else if (ENV_NAME.matcher(token).matches()) {
                if (!token.equals(toEnvironmentVariable(previousKey))) {
                    throw new AssertionError("README row names " + token + " next to " + previousKey + ": "
                            + text(cell));
                }
            } else if (SHORTHAND.matcher(token).matches() && previousKey != null) {
                previousKey = previousKey.substring(0, previousKey.lastIndexOf('.') + 1) + token;
                names.add(toEnvironmentVariable(previousKey));
            } else {
                throw new AssertionError("Cannot read the key `" + token + "` in README row: " + text(cell));
            }
        }
        return names;
    }

    private static List<TableRow> rows(TableBlock table) {
        List<TableRow> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            if (part instanceof TableBody) {
                for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                    rows.add((TableRow) row);
                }
            }
        }
        return rows;
    }

    /** A node's text as read: its text and code, without the markup. */
    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text plain) {
                text.append(plain.getLiteral());
            } else if (child instanceof Code code) {
                text.append('`').append(code.getLiteral()).append('`');
            } else {
                text.append(text(child));
            }
        }
        return text.toString();
    }

    /** The rule the README states: upper case, {@code .} and {@code -} as {@code _}. */
    static String toEnvironmentVariable(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
