package mhlr.train.loop;

import mhlr.train.data.BatchPipeline;
import mhlr.train.data.TrainingBatch;

/** Takes batches from the pipeline and adds up the time spent waiting for them (the metrics' data-wait share). */
public final class BatchWait {
    private long waitedNanos;

    /** The pipeline's next batch, timed. */
    TrainingBatch next(BatchPipeline pipeline) {
        long before = System.nanoTime();
        TrainingBatch batch = pipeline.next();
        waitedNanos += System.nanoTime() - before;
        return batch;
    }

    /** The waiting since the last call, in seconds; starts counting again from zero. */
    double takeSeconds() {
        double seconds = waitedNanos / 1e9;
        waitedNanos = 0;
        return seconds;
    }
}
