package mhlr.ingest.prepared;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Items computed in order on a thread of their own, at most {@code depth} ahead of the one consuming them. Pass 2
 * uses it so that reading a shard's faces back from the spill files overlaps with encoding them into Parquet:
 * with fewer shards than cores, that one task is all that runs. A failure of the computation is thrown by
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
    private final BlockingQueue<Object> ready;
    private final Thread thread;
    private int taken;

    private <S> ReadAhead(String name, List<S> inputs, Step<S, T> step, int depth) {
        this.count = inputs.size();
        this.ready = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(() -> compute(inputs, step), name);
        thread.setDaemon(true);
    }

    /** Starts computing {@code step} of each input, in order, on a thread named {@code name}. */
    public static <S, T> ReadAhead<T> start(String name, List<S> inputs, Step<S, T> step, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        ReadAhead<T> ahead = new ReadAhead<>(name, inputs, step, depth);
        ahead.thread.start();
        return ahead;
    }

    private <S> void compute(List<S> inputs, Step<S, T> step) {
        try {
            for (S input : inputs) {
                Object item;
                try {
                    item = step.apply(input);
                } catch (Exception | Error e) {
                    ready.put(new Failure(e));
                    return;
                }
                ready.put(item);
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
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
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
        taken++;
        return (T) item;
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
