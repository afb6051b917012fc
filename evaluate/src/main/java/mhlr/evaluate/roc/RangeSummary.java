package mhlr.evaluate.roc;

import java.io.Serializable;

/**
 * What the driver needs from one score range to place it on the whole curve: its counts, and the counts of
 * its first (highest) and last (lowest) distinct score, which decide whether the last point of the range
 * before it, and its own last point, survive {@code drop_intermediate}.
 *
 * @param index the range's position, 0 = highest scores
 * @param negatives impostor pairs in the range
 * @param positives genuine pairs in the range
 * @param firstNegatives impostor pairs at the range's highest score
 * @param firstPositives genuine pairs at the range's highest score
 * @param lastNegatives impostor pairs at the range's lowest score
 * @param lastPositives genuine pairs at the range's lowest score
 */
record RangeSummary(int index, long negatives, long positives, long firstNegatives, long firstPositives,
        long lastNegatives, long lastPositives) implements Serializable {

    boolean empty() {
        return negatives + positives == 0;
    }
}
