package mhlr.train.loop;

import java.nio.file.Path;
import mhlr.train.report.TrainingCurves;

/** At the end of the run: the loss and learning-rate charts of {@code metrics.jsonl} ({@link TrainingCurves}). */
public final class CurvePlots implements TrainingListener {
    private final Path metrics;
    private final Path directory;
    private final String title;

    public CurvePlots(Path metrics, Path directory, String title) {
        this.metrics = metrics;
        this.directory = directory;
        this.title = title;
    }

    @Override
    public void onStep(StepEvent event) {
        // drawn once, at the end
    }

    @Override
    public void onTrainingEnd() {
        TrainingCurves.draw(metrics, directory, title);
    }
}
