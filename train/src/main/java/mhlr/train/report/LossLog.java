package mhlr.train.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import mhlr.core.cli.AtomicOutput;

/**
 * {@code losses.txt}: the raw loss of every optimizer step, one number per line, line {@code k} for step {@code k}
 * (1-based), written with Java's shortest round-trip decimal. It is what MHLR saw, so
 * {@code bin/mhlr-replay --losses losses.txt} replays the run's decisions exactly.
 */
public final class LossLog implements Closeable {
    private final BufferedWriter writer;

    private LossLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** A new, empty log. */
    public static LossLog create(Path file) {
        return open(file, List.of());
    }

    /** Continues after a checkpoint at {@code step}: keeps the first {@code step} complete lines. */
    public static LossLog resume(Path file, long step) {
        List<String> lines = List.of();
        if (Files.exists(file)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n') + 1;
                lines = text.substring(0, end).lines().limit(step).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        if (lines.size() != step) {
            throw new IllegalStateException(file + " holds " + lines.size() + " losses, the checkpoint is at step "
                    + step);
        }
        return open(file, lines);
    }

    private static LossLog open(Path file, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        AtomicOutput.writeFile(file, text.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return new LossLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Appends the next step's loss (buffered; {@link #flush()} before a checkpoint). */
    public void append(double loss) {
        try {
            writer.write(Double.toString(loss));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to losses", e);
        }
    }

    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush losses", e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close losses", e);
        }
    }
}
