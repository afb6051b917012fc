package mhlr.train.loop;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import mhlr.train.checkpoint.Checkpoint;
import mhlr.train.checkpoint.CheckpointStore;
import mhlr.train.report.LossLog;

/** Saves a checkpoint when one is due, with {@code losses.txt} flushed first so the two agree on the step. */
public final class Checkpoints implements TrainingListener {
    private final CheckpointStore store;
    private final LossLog losses;
    private final CheckpointEvery every;
    private final Function<StepEvent, Checkpoint> snapshot;
    private Path last;

    /**
     * @param snapshot the run's state after a step, as a checkpoint holds it
     */
    public Checkpoints(CheckpointStore store, LossLog losses, CheckpointEvery every,
                       Function<StepEvent, Checkpoint> snapshot) {
        this.store = store;
        this.losses = losses;
        this.every = every;
        this.snapshot = snapshot;
        List<Path> existing = store.complete();
        this.last = existing.isEmpty() ? null : existing.get(existing.size() - 1);
    }

    @Override
    public void onStep(StepEvent event) {
        if (every.due(event.step())) {
            losses.flush();
            last = store.save(snapshot.apply(event));
        }
    }

    /** The newest complete checkpoint of the run, or null before the first. */
    public Path last() {
        return last;
    }
}
