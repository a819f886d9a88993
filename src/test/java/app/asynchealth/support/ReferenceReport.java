package app.asynchealth.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The report as the customer delivered it, beside the repository (CI lays shared/ there). A developer without it skips
 * the quote checks; in CI ({@code CI=true}) a missing report fails them, so that they can never pass by not running.
 */
public final class ReferenceReport {

    public static final Path PATH = Path.of("../shared/reference/state-of-async-work-2026.txt");

    private ReferenceReport() {
    }

    public static String text() throws IOException {
        if (!Files.exists(PATH)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but the report is not at " + PATH.toAbsolutePath().normalize()
                        + ": the quote checks must run in CI");
            }
            Assumptions.abort("the report lies beside the repository in CI and for developers: " + PATH);
        }
        return Files.readString(PATH);
    }
}
