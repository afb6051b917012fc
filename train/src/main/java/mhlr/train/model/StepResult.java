package mhlr.train.model;

/**
 * What one training step reports.
 *
 * @param loss         mean margin-softmax cross-entropy of the batch, before the update
 * @param gradientNorm 2-norm of the backbone's gradient before clipping (as {@code clip_grad_norm_} returns it)
 * @param step         number of steps taken so far, this one included
 */
public record StepResult(double loss, double gradientNorm, long step) {
}
