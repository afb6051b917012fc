package mhlr.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.output.LocalOutputStore;
import mhlr.core.output.OutputCommit;
import mhlr.core.output.OutputRules;

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
 * Unlike the other commands' outputs, a new run's directory exists while training runs: the checkpoints of a run
 * that is killed or diverges are what {@code --resume} continues from. Its final files each appear atomically
 * (written beside, flushed, renamed); {@value #SUMMARY} is written last and marks a finished run. An existing
 * directory is refused unless {@code --resume} (continue it) or {@code --overwrite} (start over) is given, and only
 * when it holds {@value #CONFIG}. An overwrite trains in a hidden staging directory and replaces the old run only
 * when the new one is complete ({@link #commit()}), so a run killed meanwhile leaves the old one untouched. The
 * output's lock ({@link OutputCommit}) is held for the whole run: a second run on the same output exits 2.
 */
public final class OutputDirectory implements AutoCloseable {
    public static final String CONFIG = "config.conf";
    public static final String METRICS = "metrics.jsonl";
    public static final String LOSSES = "losses.txt";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String MODEL = "model.mhlr";
    public static final String SUMMARY = "summary.json";

    private final OutputCommit<Path> commit;

    private OutputDirectory(OutputCommit<Path> commit) {
        this.commit = commit;
    }

    /**
     * Prepares {@code root} for a run and locks it until {@link #close()}.
     *
     * @param inputs the training data and verification sets, which the output may not overlap
     * @throws UsageException when it exists and neither flag is given, when both are, when it is not a training
     *     output, when it overlaps an input or when another run holds it
     */
    public static OutputDirectory prepare(Path root, boolean resume, boolean overwrite, List<Path> inputs) {
        checkFlags(root, resume, overwrite);
        OutputRules<Path> rules = OutputRules.<Path>builder().overwrite(overwrite).resume(resume)
                .inPlaceWhenNew(true).ownMarker(CONFIG).inputs(inputs).build();
        OutputCommit<Path> commit = OutputCommit.begin(LocalOutputStore.INSTANCE, root.toAbsolutePath().normalize(),
                rules);
        try {
            Files.createDirectories(commit.staging().resolve(CHECKPOINTS));
        } catch (IOException e) {
            commit.close();
            throw new UncheckedIOException("cannot prepare output directory " + root, e);
        }
        return new OutputDirectory(commit);
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
        if (Files.exists(absolute) && (resume || overwrite) && !Files.isRegularFile(absolute.resolve(CONFIG))) {
            throw new UsageException("output " + root + " is not a training output (no " + CONFIG + "); "
                    + (resume ? "nothing to resume" : "refusing to replace it"));
        }
    }

    /** Where this run writes: the output itself, or the staging directory of an overwrite. */
    public Path root() {
        return commit.staging();
    }

    /** Where the run ends up. */
    public Path target() {
        return commit.target();
    }

    /** Whether an earlier run's directory is being continued. */
    public boolean resuming() {
        return commit.inPlace() && commit.existed();
    }

    public Path resolve(String name) {
        return root().resolve(name);
    }

    /** Flushes the finished run and, for an overwrite, puts it in place of the old one. */
    public void commit() {
        commit.commit();
    }

    /** Releases the lock; an overwrite that did not commit removes its staging directory, keeping the old run. */
    @Override
    public void close() {
        commit.close();
    }
}
