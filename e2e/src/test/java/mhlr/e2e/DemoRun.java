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

/**
 * The README's first command, {@code bin/demo}, run once per test JVM as a child process (offline, small flags) and
 * shared by every test class that needs the pipeline's outputs. Its stdout and stderr are kept in files under
 * {@code target/}, so a failure can be read in full.
 *
 * <p>The flags keep the run to a few minutes on two quiet cores: few generated people, a training run just long
 * enough for MHLR's relative parametrisation (its horizons are scaled to a reference run of
 * {@code mhlr.reference-steps} steps; the reference is lowered with the run), logged and verified every few steps so
 * the notes' curves have points.
 *
 * <p>With the system property {@value #EXISTING_OUTPUT} naming the output directory of an earlier demo run, nothing is
 * run and the tests that read outputs use that directory (a quick way to check a changed note).
 */
final class DemoRun {
    /** System property: the output directory of an earlier {@code bin/demo} run to use instead of running it. */
    static final String EXISTING_OUTPUT = "mhlr.demo.output";

    /** The flags after {@code bin/demo --output DIR}. */
    static final List<String> FLAGS = List.of(
            "--identities", "40",
            "--images-per-identity", "12",
            "--set", "train.epochs=6",
            "--set", "train.log-every-steps=2",
            "--set", "train.verification.every-steps=9",
            "--set", "mhlr.reference-steps=5000");

    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static DemoRun shared;

    private final Path output;
    private final boolean ranHere;
    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final Duration took;

    private DemoRun(Path output, boolean ranHere, int exitCode, String stdout, String stderr,
            Duration took) {
        this.output = output;
        this.ranHere = ranHere;
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
        this.took = took;
    }

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

    /** The directory the demo wrote. */
    Path output() {
        return output;
    }

    /** False when {@value #EXISTING_OUTPUT} named an earlier run's output instead. */
    boolean ranHere() {
        return ranHere;
    }

    int exitCode() {
        return exitCode;
    }

    String stdout() {
        return stdout;
    }

    String stderr() {
        return stderr;
    }

    Duration took() {
        return took;
    }

    /** The last lines of stderr, for failure messages. */
    String stderrTail() {
        List<String> lines = stderr.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
