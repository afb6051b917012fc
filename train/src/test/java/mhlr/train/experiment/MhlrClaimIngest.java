package mhlr.train.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code bin/ingest} as a separate process, the way a user would: the train module has no Spark on its class
 * path, and the experiment's shards should come from the real ingest job. The command's output goes to a log file
 * beside the shards; a non-zero exit stops the experiment with the log's tail.
 */
final class MhlrClaimIngest {
    private MhlrClaimIngest() {
    }

    /**
     * Runs {@code home/bin/ingest args...} with {@code MHLR_OFFLINE=1} and waits for it.
     *
     * @return the seconds it took
     * @throws IllegalStateException when it exits non-zero
     */
    static double run(Path home, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/ingest").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MHLR_OFFLINE", "1");
        long started = System.nanoTime();
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + "; last lines of "
                        + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for bin/ingest", e);
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
