package mhlr.train.loop;

/**
 * When a run checkpoints: at every epoch's end, and every {@code everySteps} steps ({@code train.checkpoint}).
 *
 * @param stepsPerEpoch optimizer steps in one epoch
 * @param everySteps 0: only at epoch ends
 */
public record CheckpointEvery(long stepsPerEpoch, long everySteps) {
    /** Whether the state after {@code step} steps is checkpointed. */
    public boolean due(long step) {
        return step % stepsPerEpoch == 0 || everySteps > 0 && step % everySteps == 0;
    }
}
