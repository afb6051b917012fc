package mhlr.evaluate.roc;

import java.util.Arrays;

/** A growable array of longs (the surviving points of a range, without a boxed object per point). */
final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
