package mhlr.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    private static final Path REFERENCE = Path.of("..", "docs", "CONFIG.md");

    @Test
    void committedReferenceMatchesTheBase() throws IOException {
        String expected = ConfigReference.markdown(Settings.base());
        assertEquals(expected, Files.readString(REFERENCE, StandardCharsets.UTF_8),
                "docs/CONFIG.md is out of date: regenerate it with mhlr.core.config.ConfigReference docs/CONFIG.md");
    }

    @Test
    void everyKeyOfTheBaseIsExplained() {
        Settings.base().entrySet().forEach(entry -> assertTrue(!entry.getValue().origin().comments().isEmpty(),
                "conf/base.conf: key " + entry.getKey() + " has no comment"));
    }
}
