package mhlr.evaluate.roc;

/**
 * Sorts 64-bit keys in unsigned ascending order: least-significant-digit radix sort on 16-bit digits,
 * skipping the digits that all keys share (the high digits of scores from one score range usually are).
 * Linear in the number of keys, several times faster than a comparison sort for the millions of scores of a
 * distributed ROC range.
 */
public final class LongRadixSort {
    private static final int BITS = 16;
    private static final int RADIX = 1 << BITS;

    private LongRadixSort() {
    }

    /** Sorts {@code keys} in place (unsigned order). */
    public static void sort(long[] keys) {
        if (keys.length < 2) {
            return;
        }
        if (keys.length < 4096) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] ^= Long.MIN_VALUE;
            }
            java.util.Arrays.sort(keys);
            for (int i = 0; i < keys.length; i++) {
                keys[i] ^= Long.MIN_VALUE;
            }
            return;
        }
        long differing = 0;
        long first = keys[0];
        for (long key : keys) {
            differing |= key ^ first;
        }
        long[] source = keys;
        long[] target = new long[keys.length];
        int[] counts = new int[RADIX];
        for (int shift = 0; shift < 64; shift += BITS) {
            if (((differing >>> shift) & (RADIX - 1)) == 0) {
                continue;
            }
            java.util.Arrays.fill(counts, 0);
            for (long key : source) {
                counts[(int) ((key >>> shift) & (RADIX - 1))]++;
            }
            int offset = 0;
            for (int digit = 0; digit < RADIX; digit++) {
                int count = counts[digit];
                counts[digit] = offset;
                offset += count;
            }
            for (long key : source) {
                target[counts[(int) ((key >>> shift) & (RADIX - 1))]++] = key;
            }
            long[] swap = source;
            source = target;
            target = swap;
        }
        if (source != keys) {
            System.arraycopy(source, 0, keys, 0, keys.length);
        }
    }
}
