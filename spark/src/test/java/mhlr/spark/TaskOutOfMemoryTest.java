package mhlr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark task that runs out of memory on a local master fails the command with exit 1 and a one-line cause, and
 * its staging directory is removed; Spark's executor used to end the JVM with exit 52 first. Runs the command in
 * a JVM of its own, as {@code bin/} scripts do.
 */
class TaskOutOfMemoryTest {
    @TempDir
    Path temporary;

    @Test
    void aTasksOutOfMemoryErrorEndsTheCommandWithExitOneAndItsCauseAndNoStaging() throws Exception {
        Path output = temporary.resolve("out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> !argument.startsWith("-agentlib") && !argument.startsWith("-Xmx")).toList());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"),
                TaskOutOfMemoryJob.class.getName(), output.toString()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command did not end");
        String errors = new String(stderr, StandardCharsets.UTF_8);

        assertEquals(1, process.exitValue(), errors);
        List<String> causes = errors.lines().filter(line -> line.startsWith("task-out-of-memory: ")).toList();
        assertEquals(1, causes.size(), errors);
        assertTrue(causes.get(0).contains("out of memory (Requested array size exceeds VM limit)"), causes.get(0));
        assertFalse(Files.exists(output), "nothing committed");
        assertEquals(List.of(), leftovers(), "staging and lock removed");
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(temporary)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
