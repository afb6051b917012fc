package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI contract of every script in {@code bin/}: {@code --help} exits 0, a wrong flag exits 2 with one line. */
class BinScriptsContractTest {

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(DemoRun.checkout().resolve("bin"))) {
            List<String> names = files.filter(Files::isRegularFile).map(path -> path.getFileName().toString())
                    .sorted().toList();
            assertTrue(names.containsAll(List.of("demo", "embed", "evaluate", "export", "ingest", "make-sample-data",
                    "mhlr-replay",
                    "train")), names.toString());
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void helpPrintsUsageAndExitsZero(String script) throws Exception {
        Outcome outcome = run(script, "--help");
        assertEquals(0, outcome.code, script + " --help: " + outcome.err);
        assertTrue(outcome.out.contains("Usage") || outcome.out.contains("bin/" + script), outcome.out);
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void wrongFlagExitsTwoWithAOneLineCause(String script) throws Exception {
        Outcome outcome = run(script, "--no-such-flag");
        assertEquals(2, outcome.code, script + ": " + outcome.err);
        List<String> lines = outcome.err.lines().filter(line -> !line.startsWith("WARNING: Using incubator") && !line.startsWith("Building "))
                .toList();
        assertEquals(1, lines.size(), script + " printed: " + outcome.err);
        assertTrue(lines.get(0).contains("--no-such-flag"), lines.get(0));
    }

    @org.junit.jupiter.api.Test
    void launcherRunsFromAPathWithSpacesAndPassesJavaOptionsUnglobbed() throws Exception {
        Path parent = Files.createTempDirectory("launcher");
        Path home = Files.createSymbolicLink(parent.resolve("mhlr home"), DemoRun.checkout());
        Path output = parent.resolve("sample out");
        try {
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/make-sample-data").toString(), "--output",
                    output.toString(), "--identities", "4", "--images-per-identity", "2", "--formats", "folders")
                    .directory(parent.toFile()).redirectErrorStream(true);
            builder.environment().put("MHLR_OFFLINE", "1");
            builder.environment().put("MHLR_JAVA_OPTS", "-Xmx512m  -Dmhlr.probe=*");
            Process process = builder.start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), printed);
            assertTrue(Files.isDirectory(output.resolve("folders")), printed);
        } finally {
            try (Stream<Path> files = Files.walk(parent)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void launcherSeesMasterGivenWithAnEqualsSignAndRefusesAMissingJar() throws Exception {
        Path launch = DemoRun.checkout().resolve("bin/lib/launch.sh");
        assertEquals(0, bash("source '" + launch + "'; mhlr_has_master --format x --master=spark://h:7077").code);
        assertEquals(0, bash("source '" + launch + "'; mhlr_has_master --master spark://h:7077").code);
        assertEquals(1, bash("source '" + launch + "'; mhlr_has_master --format x --input y").code);
        Outcome missing = bash("source '" + launch + "'; mhlr_module_jar no-such-module; echo reached");
        assertEquals(1, missing.code, missing.out + missing.err);
        assertTrue(missing.err.contains("no built jar for module no-such-module"), missing.err);
        assertTrue(!missing.out.contains("reached"), missing.out);
    }

    private static Outcome bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        return new Outcome(process.exitValue(), out, err);
    }

    @org.junit.jupiter.api.Test
    void demoRefusesToDeleteADirectoryThatIsNotADemoOutput() throws Exception {
        Path foreign = Files.createTempDirectory("not-a-demo");
        try {
            Files.writeString(foreign.resolve("thesis.tex"), "kept");
            Outcome outcome = run("demo", "--output", foreign.toString());
            assertEquals(2, outcome.code, outcome.err);
            assertTrue(outcome.err.contains("is not a demo output"), outcome.err);
            assertEquals("kept", Files.readString(foreign.resolve("thesis.tex")));
        } finally {
            Files.deleteIfExists(foreign.resolve("thesis.tex"));
            Files.deleteIfExists(foreign);
        }
    }

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String script, String... args) throws Exception {
        Path home = DemoRun.checkout();
        Path out = Files.createTempFile("bin-out", ".txt");
        Path err = Files.createTempFile("bin-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                    Stream.of(home.resolve("bin").resolve(script).toString()), Stream.of(args)).toList())
                    .directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("MHLR_OFFLINE", "1");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/" + script + " did not answer within 5 minutes");
            }
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
