package app.asynchealth.report.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A small streaming SVG (XML) writer: elements, attributes and text, every value escaped, every number written the same
 * way on every machine. It exists so that a chart is made of plain strings we control: the same figures give the same
 * bytes (ETags, tests), and nothing a team typed (a round's title) can become markup.
 */
public final class SvgWriter {

    /** Element and attribute names are ours, never data: anything else is a programming error, not something to escape. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9:_-]*");

    private final StringBuilder out = new StringBuilder(8192);
    private final Deque<String> open = new ArrayDeque<>();
    private boolean tagOpen;

    /** Starts an element; attributes are name-value pairs, a null value leaves the attribute out. */
    public SvgWriter start(String name, Object... attributes) {
        closeStartTag();
        out.append('<').append(name(name));
        attributes(attributes);
        open.push(name);
        tagOpen = true;
        return this;
    }

    /** An element with no content ({@code <circle …/>}). */
    public SvgWriter empty(String name, Object... attributes) {
        closeStartTag();
        out.append('<').append(name(name));
        attributes(attributes);
        out.append("/>");
        return this;
    }

    /** An element holding only text. */
    public SvgWriter textElement(String name, String text, Object... attributes) {
        return start(name, attributes).text(text).end();
    }

    public SvgWriter text(String text) {
        closeStartTag();
        out.append(escape(text));
        return this;
    }

    public SvgWriter end() {
        if (open.isEmpty()) {
            throw new IllegalStateException("no element to end");
        }
        String name = open.pop();
        if (tagOpen) {
            out.append("/>");
            tagOpen = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** The document; every element must have been ended. */
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unended elements: " + open);
        }
        return out.toString();
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name-value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(name((String) attributes[i])).append("=\"").append(value(value)).append('"');
        }
    }

    private static String value(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return num(((Number) value).doubleValue());
        }
        return escape(value.toString());
    }

    private void closeStartTag() {
        if (tagOpen) {
            out.append('>');
            tagOpen = false;
        }
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an XML name: " + name);
        }
        return name;
    }

    /**
     * A coordinate or value as SVG text: at most two decimals, rounded half up, no exponent, no trailing zeros, never
     * "-0", whatever the default locale (BigDecimal ignores it). Not finite: an error, as SVG has no such number.
     */
    public static String num(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /**
     * Text and attribute values for XML 1.0: the five markup characters as entities, and characters XML cannot carry at
     * all (controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF) replaced by U+FFFD, so that any text
     * still gives a well-formed document.
     */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        escaped.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        escaped.append('\uFFFD');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
