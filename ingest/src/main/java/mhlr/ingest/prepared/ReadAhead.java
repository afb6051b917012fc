package mhlr.ingest.prepared;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Items computed in order on a thread of their own and handed over in batches, at most {@code batches} batches ahead
 * of the one consuming them. Pass 2 uses it so that reading a shard's faces back from the spill files overlaps with
 * encoding them into Parquet: with fewer shards than cores, that one task is all that runs. Items go over in
 * batches because one hand-over per item (20,000 for a shard of small faces) kept both threads waking each other
 * up: a wall-clock profile of such a shard showed its writer waiting for the reader while the reader sat parked
 * on a full queue (docs/BENCHMARKS.md). A failure of the computation is thrown by
 * {@link #next()} at the item that failed; {@link #close()} stops the thread (the consumer may stop early).
 *
 * @param <T> what each input becomes
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    /** The computation of one item from its input. */
    @FunctionalInterface
    public interface Step<S, T> {
        T apply(S input) throws Exception;
    }

    /** What the thread hands over when a computation failed. */
    private record Failure(Throwable cause) {
    }

    private final int count;
    private final int batch;
    private final BlockingQueue<Object> ready;
    private final Thread thread;
    private Iterator<T> current = Collections.emptyIterator();
    private int taken;

    private <S> ReadAhead(String name, List<S> inputs, Step<S, T> step, int batch, int batches) {
        this.count = inputs.size();
        this.batch = batch;
        this.ready = new ArrayBlockingQueue<>(batches);
        this.thread = new Thread(() -> compute(inputs, step), name);
        thread.setDaemon(true);
    }

    /**
     * Starts computing {@code step} of each input, in order, on a thread named {@code name}, handing the results
     * over {@code batch} at a time with at most {@code batches} batches waiting.
     */
    public static <S, T> ReadAhead<T> start(String name, List<S> inputs, Step<S, T> step, int batch, int batches) {
        if (batch < 1 || batches < 1) {
            throw new IllegalArgumentException("batch and batches must be at least 1: " + batch + ", " + batches);
        }
        ReadAhead<T> ahead = new ReadAhead<>(name, inputs, step, batch, batches);
        ahead.thread.start();
        return ahead;
    }

    private <S> void compute(List<S> inputs, Step<S, T> step) {
        try {
            List<T> done = new ArrayList<>(batch);
            for (S input : inputs) {
                try {
                    done.add(step.apply(input));
                } catch (Exception | Error e) {
                    if (!done.isEmpty()) {
                        ready.put(done);
                    }
                    ready.put(new Failure(e));
                    return;
                }
                if (done.size() == batch) {
                    ready.put(done);
                    done = new ArrayList<>(batch);
                }
            }
            if (!done.isEmpty()) {
                ready.put(done);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        return taken < count;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (!current.hasNext()) {
            current = nextBatch();
        }
        taken++;
        return current.next();
    }

    @SuppressWarnings("unchecked")
    private Iterator<T> nextBatch() {
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(thread.getName() + ": interrupted while waiting for item " + taken, e);
        }
        if (item instanceof Failure failure) {
            int failed = taken;
            taken = count;
            Throwable cause = failure.cause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thread.getName() + ": item " + failed + " failed: " + cause, cause);
        }
        return ((List<T>) item).iterator();
    }

    /** Stops the thread and waits for it, whether or not every item was taken. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
