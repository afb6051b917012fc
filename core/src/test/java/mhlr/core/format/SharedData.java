package mhlr.core.format;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Files under the shared data directory (system property {@code mhlr.shared.data}); tests skip when absent. */
final class SharedData {
    private SharedData() {
    }

    static Path require(String relative) {
        String root = System.getProperty("mhlr.shared.data");
        Path file = root == null ? null : Path.of(root, relative);
        Assumptions.assumeTrue(file != null && Files.exists(file), "shared data absent: " + relative);
        return file;
    }
}
