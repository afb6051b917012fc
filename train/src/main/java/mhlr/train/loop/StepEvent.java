package mhlr.train.loop;

import mhlr.train.data.DataPosition;
import mhlr.train.model.StepResult;

/**
 * One finished optimizer step.
 *
 * @param step optimizer steps done, this one included (from 1, as arcface_torch's {@code global_step}); the schedule
 *     counts the same step from 0
 * @param position where the step's batch was in the data (its epoch and batch)
 * @param learningRate the rate the step used
 * @param result the step's loss and gradient norm
 */
public record StepEvent(long step, DataPosition position, double learningRate, StepResult result) {
    /** The epoch of the step's batch (0-based). */
    public int epoch() {
        return position.epoch();
    }

    /** The step's raw loss. */
    public double loss() {
        return result.loss();
    }
}
