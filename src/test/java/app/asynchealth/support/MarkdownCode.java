package app.asynchealth.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * The fenced code blocks of a Markdown file, section by section, as a CommonMark reader sees them (blocks in lists
 * included, a fence of {@code ~~~} as well as of backticks), so that the suites that run a README's commands run what a
 * reader of the rendered page copies.
 */
public final class MarkdownCode {

    private final Node document;

    private MarkdownCode(Node document) {
        this.document = document;
    }

    public static MarkdownCode of(Path file) throws IOException {
        return new MarkdownCode(Parser.builder().build().parse(Files.readString(file)));
    }

    /**
     * The code of the blocks whose info string is {@code language}, in order, in the section under the heading whose
     * text is {@code heading}: up to the next heading of the same or a higher level. Fails when there is no such
     * heading.
     */
    public List<String> blocks(String heading, String language) {
        SectionBlocks visitor = new SectionBlocks(heading, language);
        document.accept(visitor);
        if (!visitor.found) {
            throw new IllegalArgumentException("no heading \"" + heading + "\"");
        }
        return visitor.blocks;
    }

    private static final class SectionBlocks extends AbstractVisitor {

        private final String heading;
        private final String language;
        private final List<String> blocks = new ArrayList<>();
        private boolean found;
        private int level;
        private boolean inside;

        SectionBlocks(String heading, String language) {
            this.heading = heading;
            this.language = language;
        }

        @Override
        public void visit(Heading node) {
            if (inside && node.getLevel() <= level) {
                inside = false;
            } else if (!found && heading.equals(text(node))) {
                found = true;
                inside = true;
                level = node.getLevel();
            }
        }

        @Override
        public void visit(FencedCodeBlock node) {
            String info = node.getInfo() == null ? "" : node.getInfo().strip();
            if (inside && (info.equals(language) || info.startsWith(language + " "))) {
                blocks.add(node.getLiteral());
            }
        }

        private static String text(Node node) {
            StringBuilder text = new StringBuilder();
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Text literal) {
                    text.append(literal.getLiteral());
                } else if (child instanceof Code code) {
                    text.append(code.getLiteral());
                } else {
                    text.append(text(child));
                }
            }
            return text.toString();
        }
    }
}
