package mhlr.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs {@code bin/train}'s main class in a child JVM with this JVM's class path and options, as the script would,
 * so a test can SIGKILL it. The child gets {@code OMP_WAIT_POLICY=PASSIVE}: on a shared, busy machine ND4J's
 * OpenMP threads otherwise spin-wait and cost about ten times the CPU of the work itself.
 */
final class ChildTrainer {
    private final Process process;
    private final Path log;

    private ChildTrainer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildTrainer start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-Xmx") && !option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TrainMain.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return new ChildTrainer(builder.start(), log);
    }

    /** Waits for the exit code (or fails the test after {@code minutes}). */
    int waitFor(int minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/train did not finish within " + minutes + " minutes:\n" + output());
        }
        return process.exitValue();
    }

    /** Polls until the condition holds, then kills the child with SIGKILL; false if it ended first. */
    boolean killWhen(BooleanSupplier condition, int minutes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                process.destroyForcibly();
                process.waitFor();
                return true;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        return false;
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
