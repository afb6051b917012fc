package mhlr.train.loop;

import java.util.List;
import java.util.function.Supplier;
import mhlr.train.data.BatchPipeline;
import mhlr.train.data.TrainingBatch;
import mhlr.train.model.StepResult;
import mhlr.train.model.TrainingModel;
import mhlr.train.schedule.LearningRateSchedule;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The steps and nothing else: the next batch, the schedule's rate, one model step, then every listener in order. What
 * the listeners do (and in which order) is the trainer's choice ({@code mhlr.train.Trainer}).
 */
public final class TrainingLoop {
    private final TrainingModel model;
    private final LearningRateSchedule schedule;
    private final BatchWait wait;
    private final List<TrainingListener> listeners;

    public TrainingLoop(TrainingModel model, LearningRateSchedule schedule, BatchWait wait,
                        List<TrainingListener> listeners) {
        this.model = model;
        this.schedule = schedule;
        this.wait = wait;
        this.listeners = List.copyOf(listeners);
    }

    /** Takes the steps after {@code stepsDone} up to {@code totalSteps} (the pipeline opened only if one is left). */
    public void run(Supplier<BatchPipeline> pipelines, long stepsDone, long totalSteps) {
        if (stepsDone < totalSteps) {
            try (BatchPipeline pipeline = pipelines.get()) {
                for (long step = stepsDone + 1; step <= totalSteps; step++) {
                    TrainingBatch batch = wait.next(pipeline);
                    double rate = schedule.learningRate();
                    StepResult result = model.step(Nd4j.create(batch.pixels(), batch.shape(), 'c'), batch.labels(),
                            rate);
                    StepEvent event = new StepEvent(step, batch.position(), rate, result);
                    listeners.forEach(listener -> listener.onStep(event));
                }
            }
        }
        listeners.forEach(TrainingListener::onTrainingEnd);
    }
}
