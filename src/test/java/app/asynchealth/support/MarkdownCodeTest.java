package app.asynchealth.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownCodeTest {

    private static final String README = """
            # Title

            ## Run

            ```bash
            ./mvnw package
            ```

            Then:

            1. Start it:

               ```bash
               java -jar app.jar
               ```

            ### A subsection stays in the section

            ~~~bash
            curl localhost:8080
            ~~~

            ```json
            {"not": "bash"}
            ```

            ## Test

            ```bash
            ./mvnw verify
            ```

            ## `Code` in a heading

            ```bash title="shell"
            echo code
            ```
            """;

    @TempDir
    Path directory;

    @Test
    void theBlocksOfASectionAreThoseUpToTheNextHeadingOfItsLevelInOrderWhateverTheirFenceOrIndentation()
            throws IOException {
        MarkdownCode code = MarkdownCode.of(write(README));

        assertThat(code.blocks("Run", "bash"))
                .containsExactly("./mvnw package\n", "java -jar app.jar\n", "curl localhost:8080\n");
        assertThat(code.blocks("Test", "bash")).containsExactly("./mvnw verify\n");
        assertThat(code.blocks("Run", "json")).containsExactly("{\"not\": \"bash\"}\n");
        assertThat(code.blocks("A subsection stays in the section", "bash")).containsExactly("curl localhost:8080\n");
    }

    @Test
    void aHeadingIsMatchedByItsTextAndAnInfoStringByItsFirstWord() throws IOException {
        assertThat(MarkdownCode.of(write(README)).blocks("Code in a heading", "bash")).containsExactly("echo code\n");
    }

    @Test
    void aMissingHeadingIsAnError() throws IOException {
        MarkdownCode code = MarkdownCode.of(write(README));

        assertThatThrownBy(() -> code.blocks("Deploy", "bash")).hasMessageContaining("Deploy");
    }

    private Path write(String markdown) throws IOException {
        return Files.writeString(directory.resolve("README.md"), markdown);
    }
}
