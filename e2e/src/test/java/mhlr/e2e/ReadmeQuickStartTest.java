package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README.md's quick start is exactly the two commands: {@code bin/demo} (what {@link QuickStartTest} runs, with
 * smaller flags) and {@code ./mvnw -B verify} (what CI runs). They are read from the first fenced code block after
 * the "Quick start" heading; comment lines and blank lines in it do not count.
 */
class ReadmeQuickStartTest {
    @Test
    void quickStartIsTheDemoThenTheBuild() throws IOException {
        Path readme = DemoRun.checkout().resolve("README.md");
        assertTrue(Files.exists(readme), "there is no " + readme);
        assertEquals(List.of("bin/demo", "./mvnw -B verify"), quickStartCommands(Files.readAllLines(readme)),
                "the commands of README.md's quick start");
    }

    @Test
    void bothCommandsExistInTheCheckout() {
        assertTrue(Files.isExecutable(DemoRun.checkout().resolve("bin/demo")));
        assertTrue(Files.isExecutable(DemoRun.checkout().resolve("mvnw")));
    }

    @Test
    void commandsAreReadFromTheFirstBlockAfterTheHeadingOnly() {
        List<String> readme = List.of("# Title", "```", "not this", "```", "## Quick start", "Run:", "```bash",
                "# generate, ingest, train, evaluate", "bin/demo", "", "./mvnw -B verify", "```", "```", "later",
                "```");
        assertEquals(List.of("bin/demo", "./mvnw -B verify"), quickStartCommands(readme));
    }

    /** The command lines of the first fenced block after a heading titled "Quick start" (any level, any case). */
    static List<String> quickStartCommands(List<String> lines) {
        int line = 0;
        while (line < lines.size() && !lines.get(line).matches("(?i)#+\\s*quick start\\s*")) {
            line++;
        }
        assertTrue(line < lines.size(), "no 'Quick start' heading");
        while (line < lines.size() && !lines.get(line).startsWith("```")) {
            line++;
        }
        assertTrue(line < lines.size(), "no code block after the 'Quick start' heading");
        List<String> commands = new ArrayList<>();
        for (line++; line < lines.size() && !lines.get(line).startsWith("```"); line++) {
            String command = lines.get(line).strip();
            if (!command.isEmpty() && !command.startsWith("#")) {
                commands.add(command);
            }
        }
        return commands;
    }
}
