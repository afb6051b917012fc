package mhlr.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training batches from the shards, prepared ahead of the optimizer. A reader thread walks the epochs
 * ({@link EpochSamples}: shuffled shard and row-group order, shuffle buffer) and hands each batch's encoded images
 * to a pool of {@code decode-threads} threads, which decode, flip, resize and scale them straight into the batch's
 * array; up to {@code prefetch-batches} batches are read or decoded ahead of {@link #next()}, so the optimizer
 * finds the next batch ready while it computes the current one.
 *
 * <p>Each epoch yields {@link #batchesPerEpoch()} = {@code floor(images / batch-size)} batches (the partial last
 * batch is dropped, as arcface_torch's {@code drop_last=True}). The batches are a function of the seed and the
 * position alone: thread timing changes when a batch is ready, never what it holds, and a pipeline opened at a
 * {@link DataPosition} yields what an uninterrupted one yields from that position on.
 */
public final class BatchPipeline implements AutoCloseable {
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    private final TrainingData shards;
    private final DataOptions options;
    private final int epochs;
    private final long batchesPerEpoch;
    private final BlockingQueue<CompletableFuture<TrainingBatch>> ready;
    private final ExecutorService decoders;
    private final Thread reader;
    private DataPosition expected;
    private volatile boolean closed;

    private BatchPipeline(TrainingData shards, DataOptions options, DataPosition start, int epochs) {
        this.shards = shards;
        this.options = options;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch(shards.images(), options.batchSize());
        this.expected = start;
        this.ready = new ArrayBlockingQueue<>(options.prefetchBatches());
        int id = PIPELINES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.decoders = Executors.newFixedThreadPool(options.decodeThreads(), runnable -> {
            Thread thread = new Thread(runnable, "mhlr-decode-" + id + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.reader = new Thread(this::readAll, "mhlr-shard-reader-" + id);
        this.reader.setDaemon(true);
    }

    /**
     * Starts reading at {@code start} and stops after epoch {@code epochs - 1}.
     *
     * @throws IllegalArgumentException when the set holds less than one batch or the start lies past the end
     */
    public static BatchPipeline open(TrainingData shards, DataOptions options, DataPosition start, int epochs) {
        long perEpoch = batchesPerEpoch(shards.images(), options.batchSize());
        if (perEpoch == 0) {
            throw new mhlr.core.cli.UsageException("the training set holds " + shards.images()
                    + " images, fewer than one batch of train.batch-size = " + options.batchSize());
        }
        if (start.batch() >= perEpoch || start.epoch() > epochs) {
            throw new IllegalArgumentException("data position " + start + " lies outside " + epochs + " epochs of "
                    + perEpoch + " batches");
        }
        BatchPipeline pipeline = new BatchPipeline(shards, options, start, epochs);
        pipeline.reader.start();
        return pipeline;
    }

    /** {@code floor(images / batchSize)}: full batches in an epoch. */
    public static long batchesPerEpoch(long images, int batchSize) {
        return images / batchSize;
    }

    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * The next batch, waiting for it if the reader or decoders are behind.
     *
     * @throws NoSuchElementException after the last batch of the last epoch
     * @throws RuntimeException the reader's or a decoder's failure (e.g. a corrupt shard, named)
     */
    public TrainingBatch next() {
        if (expected.epoch() >= epochs) {
            throw new NoSuchElementException("all " + epochs + " epochs have been read");
        }
        CompletableFuture<TrainingBatch> batch;
        try {
            batch = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
        TrainingBatch result;
        try {
            result = batch.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (!result.position().equals(expected)) {
            throw new IllegalStateException("batch at " + result.position() + " where " + expected + " was due");
        }
        expected = expected.next(batchesPerEpoch);
        return result;
    }

    private void readAll() {
        try {
            DataPosition start = expected;
            for (int epoch = start.epoch(); epoch < epochs && !closed; epoch++) {
                long firstBatch = epoch == start.epoch() ? start.batch() : 0;
                try (EpochSamples samples = EpochSamples.open(shards, options.seed(), epoch, options.shuffleBuffer(),
                        firstBatch * options.batchSize())) {
                    for (long batch = firstBatch; batch < batchesPerEpoch && !closed; batch++) {
                        List<EncodedSample> images = new ArrayList<>(options.batchSize());
                        long firstPosition = samples.position();
                        for (int i = 0; i < options.batchSize(); i++) {
                            images.add(samples.next());
                        }
                        ready.put(decode(new DataPosition(epoch, batch), firstPosition, images));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (!closed) {
                try {
                    ready.put(CompletableFuture.failedFuture(e));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private CompletableFuture<TrainingBatch> decode(DataPosition position, long firstPosition,
                                                    List<EncodedSample> images) {
        int size = options.imageSize();
        int values = options.imageValues();
        float[] pixels = new float[images.size() * values];
        int[] labels = new int[images.size()];
        CompletableFuture<?>[] parts = new CompletableFuture<?>[images.size()];
        for (int i = 0; i < images.size(); i++) {
            EncodedSample sample = images.get(i);
            labels[i] = sample.label();
            boolean flip = options.flip() && Augmentation.flip(options.seed(), position.epoch(), firstPosition + i);
            int offset = i * values;
            parts[i] = CompletableFuture.runAsync(
                    () -> NetworkInput.write(sample.image(), sample.source(), size, flip, pixels, offset), decoders);
        }
        return CompletableFuture.allOf(parts).thenApply(done -> new TrainingBatch(position, pixels, labels, size));
    }

    /** Stops the reader and the decoders; batches not taken are dropped. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        decoders.shutdownNow();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ready.clear();
    }
}
