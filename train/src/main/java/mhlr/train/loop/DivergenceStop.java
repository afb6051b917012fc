package mhlr.train.loop;

import java.util.Locale;
import mhlr.train.model.StepResult;
import mhlr.train.report.DivergedLine;

/**
 * Stops the run at the first step whose loss or gradient norm is not finite, before anything else records that
 * step: a {@link DivergedLine} in {@code metrics.jsonl}, then {@link TrainingDivergedException} (exit 1) naming the
 * last good checkpoint, which stays.
 */
public final class DivergenceStop implements TrainingListener {
    private final RunLogs logs;
    private final Checkpoints checkpoints;

    public DivergenceStop(RunLogs logs, Checkpoints checkpoints) {
        this.logs = logs;
        this.checkpoints = checkpoints;
    }

    @Override
    public void onStep(StepEvent event) {
        StepResult result = event.result();
        if (Double.isFinite(result.loss()) && Double.isFinite(result.gradientNorm())) {
            return;
        }
        logs.metrics().write(new DivergedLine(event.step(), event.epoch(), result.loss(), result.gradientNorm(),
                event.learningRate()));
        logs.losses().flush();
        String what = Double.isFinite(result.loss()) ? "the gradient norm is " + result.gradientNorm()
                : "the loss is " + result.loss();
        throw new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged at step %d (epoch %d): %s (learning rate %.6g); stopped. %s", event.step(),
                event.epoch(), what, event.learningRate(), checkpoints.last() == null
                        ? "No checkpoint was written yet."
                        : "The last good checkpoint stays: " + checkpoints.last()
                        + " (resuming from it repeats the same steps; start over with a lower"
                        + " train.learning-rate and --overwrite)."));
    }
}
