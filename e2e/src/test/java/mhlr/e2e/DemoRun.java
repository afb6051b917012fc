package mhlr.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mhlr.core.cli.AtomicOutput;

/**
 * The README's first command, {@code bin/demo}, run once per test JVM as a child process (offline, small flags) and
 * shared by every test class that needs the pipeline's outputs. Its stdout and stderr are kept in files under
 * {@code target/}, so a failure can be read in full.
 *
 * <p>The flags keep the run to a few minutes on two quiet cores: few generated people (24 of them for training, 9
 * steps an epoch), four epochs logged every 2 steps and verified every epoch, so the notes' curves have points (18
 * losses, 4 verifications; QuickStartTest trains the same recipe a second time, so every epoch here costs twice); and
 * {@code mhlr.reference-steps} lowered, since MHLR's relative parametrisation scales its horizons by reference-steps
 * over the run's steps and refuses a run this short against the default reference.
 *
 * <p>With the system property {@value #EXISTING_OUTPUT} naming the output directory of an earlier demo run, nothing is
 * run and the tests that read outputs use that directory (a quick way to check a changed note).
 *
 * @param output the directory the demo wrote
 * @param ranHere false when {@value #EXISTING_OUTPUT} named an earlier run's output instead
 * @param exitCode the exit code of {@code bin/demo}
 * @param stdout what it printed (the summary ends it)
 * @param stderr its progress and errors
 * @param took its wall time
 */
record DemoRun(Path output, boolean ranHere, int exitCode, String stdout, String stderr, Duration took) {
    /** System property: the output directory of an earlier {@code bin/demo} run to use instead of running it. */
    static final String EXISTING_OUTPUT = "mhlr.demo.output";

    /** The flags after {@code bin/demo --output DIR}. */
    static final List<String> FLAGS = List.of(
            "--identities", "40",
            "--images-per-identity", "12",
            "--set", "train.epochs=4",
            "--set", "train.log-every-steps=2",
            "--set", "train.verification.every-steps=9",
            "--set", "mhlr.reference-steps=5000");

    /** How long the run may take before it is stopped and the tests fail. */
    private static final Duration LIMIT = Duration.ofMinutes(45);

    private static DemoRun shared;

    /** The run of this JVM, started on first use. */
    static synchronized DemoRun shared() {
        if (shared == null) {
            Path home = checkout();
            String existing = System.getProperty(EXISTING_OUTPUT, "");
            shared = existing.isBlank() ? run(home, home.resolve("e2e/target/demo"))
                    : new DemoRun(Path.of(existing).toAbsolutePath(), false, 0, "", "", Duration.ZERO);
        }
        return shared;
    }

    /** The checkout: system property {@code mhlr.home} (set by this module's Surefire settings), else {@code ..}. */
    static Path checkout() {
        return Path.of(System.getProperty("mhlr.home", "..")).toAbsolutePath().normalize();
    }

    private static DemoRun run(Path home, Path output) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/demo").toString(), "--output",
                output.toString()));
        command.addAll(FLAGS);
        Path logs = home.resolve("e2e/target");
        Path stdoutFile = logs.resolve("demo-stdout.txt");
        Path stderrFile = logs.resolve("demo-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile());
        builder.environment().put("MHLR_OFFLINE", "1");
        long started = System.nanoTime();
        try {
            Files.createDirectories(logs);
            // An output left by a build from before bin/demo marked its outputs would be refused: it is this
            // module's own build directory, so clear it.
            AtomicOutput.deleteRecursively(output);
            Process process = builder.start();
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + LIMIT
                        + "; its output is in " + stdoutFile + " and " + stderrFile);
            }
            return new DemoRun(output, true, process.exitValue(),
                    Files.readString(stdoutFile, StandardCharsets.UTF_8),
                    Files.readString(stderrFile, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The last lines of stderr, for failure messages. */
    String stderrTail() {
        List<String> lines = stderr.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
