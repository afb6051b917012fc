package mhlr.train.report;

/**
 * The event that stops a run: the step whose loss or gradient norm is not finite.
 *
 * @param step optimizer steps done, this one included
 * @param epoch the epoch of the step (0-based)
 * @param loss the step's loss
 * @param gradientNorm the step's gradient norm
 * @param learningRate the rate the step used
 */
public record DivergedLine(long step, int epoch, double loss, double gradientNorm, double learningRate)
        implements MetricsLine {
}
