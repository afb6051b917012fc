package mhlr.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.cli.UsageException;

/**
 * A training run's output directory and what lives in it:
 * <pre>
 *   config.conf          the resolved configuration (written at the start)
 *   metrics.jsonl        step lines and event lines ({@link mhlr.train.report.MetricsLog})
 *   losses.txt           every step's raw loss ({@link mhlr.train.report.LossLog})
 *   checkpoints/         step-NNNNNNNNNNNN/ directories ({@link mhlr.train.checkpoint.CheckpointStore})
 *   model.mhlr           the exported backbone (at the end)
 *   loss.png, learning-rate.png, summary.json   (at the end)
 * </pre>
 * Unlike the other commands' outputs, this directory exists while training runs: the checkpoints of a run that is
 * killed or diverges are what {@code --resume} continues from. Its final files each appear atomically (written
 * beside, then renamed); {@value #SUMMARY} is written last and marks a finished run. An existing directory is
 * refused unless {@code --resume} (continue it) or {@code --overwrite} (delete it and start over) is given.
 */
public final class OutputDirectory {
    public static final String CONFIG = "config.conf";
    public static final String METRICS = "metrics.jsonl";
    public static final String LOSSES = "losses.txt";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODEL = "model.mhlr";
    public static final String SUMMARY = "summary.json";

    private final Path root;
    private final boolean resuming;

    private OutputDirectory(Path root, boolean resuming) {
        this.root = root;
        this.resuming = resuming;
    }

    /**
     * Prepares {@code root} for a run.
     *
     * @throws UsageException when it exists and neither flag is given, when both are, or when {@code --resume}
     *     points at a directory that is not a training output
     */
    public static OutputDirectory prepare(Path root, boolean resume, boolean overwrite) {
        checkFlags(root, resume, overwrite);
        Path absolute = root.toAbsolutePath().normalize();
        boolean exists = Files.exists(absolute);
        try {
            if (exists && overwrite) {
                AtomicOutput.deleteRecursively(absolute);
            }
            Files.createDirectories(absolute.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory " + root, e);
        }
        return new OutputDirectory(absolute, resume && exists);
    }

    /**
     * Checks the flags against what is at {@code root} without touching it, so a command can refuse early.
     *
     * @throws UsageException as {@link #prepare}
     */
    public static void checkFlags(Path root, boolean resume, boolean overwrite) {
        if (resume && overwrite) {
            throw new UsageException("--resume and --overwrite exclude each other");
        }
        Path absolute = root.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !resume && !overwrite) {
            throw new UsageException("output " + root + " exists; give --resume to continue its training or"
                    + " --overwrite to start over");
        }
        if (Files.exists(absolute) && resume && !Files.isRegularFile(absolute.resolve(CONFIG))) {
            throw new UsageException("output " + root + " is not a training output (no " + CONFIG
                    + "); nothing to resume");
        }
    }

    public Path root() {
        return root;
    }

    /** Whether an earlier run's directory is being continued. */
    public boolean resuming() {
        return resuming;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
