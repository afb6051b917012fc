package mhlr.train.data;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The classic streaming shuffle: hold up to {@code capacity} items; once full, every incoming item replaces a
 * resident chosen at random, which goes out; at the end the residents leave in random order. Every item offered
 * comes out exactly once. The random choices depend only on the seed and the number of offers and polls, never on
 * the items, so replaying the same calls with stand-ins reproduces the same order (the basis of exact resuming).
 *
 * @param <T> the items
 */
final class ShuffleBuffer<T> {
    private final Object[] slots;
    private final SplittableRandom random;
    private int size;

    ShuffleBuffer(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("shuffle buffer capacity must be at least 1, got " + capacity);
        }
        this.slots = new Object[capacity];
        this.random = new SplittableRandom(seed);
    }

    /** Adds an item; when the buffer was full, returns the random resident it replaced, otherwise {@code null}. */
    @SuppressWarnings("unchecked")
    T offer(T item) {
        if (size < slots.length) {
            slots[size++] = item;
            return null;
        }
        int slot = random.nextInt(slots.length);
        T out = (T) slots[slot];
        slots[slot] = item;
        return out;
    }

    /** Removes and returns a random resident (once the input is exhausted), {@code null} when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        if (size == 0) {
            return null;
        }
        int slot = random.nextInt(size);
        T out = (T) slots[slot];
        slots[slot] = slots[--size];
        slots[size] = null;
        return out;
    }

    int size() {
        return size;
    }

    /** Replaces every resident in place (e.g. stand-ins by the rows they stand for); the order is kept. */
    @SuppressWarnings("unchecked")
    void replaceAll(UnaryOperator<T> replacement) {
        for (int i = 0; i < size; i++) {
            slots[i] = replacement.apply((T) slots[i]);
        }
    }

    /** Calls the action for each resident. */
    @SuppressWarnings("unchecked")
    void forEach(java.util.function.Consumer<T> action) {
        for (int i = 0; i < size; i++) {
            action.accept((T) slots[i]);
        }
    }
}
