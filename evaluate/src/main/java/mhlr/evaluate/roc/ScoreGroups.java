package mhlr.evaluate.roc;

/**
 * Walks the distinct scores of two sorted key arrays (impostor and genuine, each ascending in unsigned key
 * order, see {@link ScoreKeys}) from the highest score down, one group per distinct score with the number of
 * impostor and genuine pairs that have it. These groups are scikit-learn's thresholds: {@code np.diff} on the
 * sorted scores finds the same distinct values, and ties of impostor and genuine scores share one group.
 */
public final class ScoreGroups {
    private final long[] impostors;
    private final long[] genuine;
    private int impostorEnd;
    private int genuineEnd;
    private long key;
    private long negatives;
    private long positives;

    public ScoreGroups(long[] sortedImpostorKeys, long[] sortedGenuineKeys) {
        this.impostors = sortedImpostorKeys;
        this.genuine = sortedGenuineKeys;
        this.impostorEnd = sortedImpostorKeys.length;
        this.genuineEnd = sortedGenuineKeys.length;
    }

    /** Moves to the next lower distinct score; false when none is left. */
    public boolean next() {
        boolean haveImpostor = impostorEnd > 0;
        boolean haveGenuine = genuineEnd > 0;
        if (!haveImpostor && !haveGenuine) {
            return false;
        }
        if (haveImpostor && haveGenuine) {
            long a = impostors[impostorEnd - 1];
            long b = genuine[genuineEnd - 1];
            key = Long.compareUnsigned(a, b) >= 0 ? a : b;
        } else {
            key = haveImpostor ? impostors[impostorEnd - 1] : genuine[genuineEnd - 1];
        }
        int start = impostorEnd;
        while (impostorEnd > 0 && impostors[impostorEnd - 1] == key) {
            impostorEnd--;
        }
        negatives = start - impostorEnd;
        start = genuineEnd;
        while (genuineEnd > 0 && genuine[genuineEnd - 1] == key) {
            genuineEnd--;
        }
        positives = start - genuineEnd;
        return true;
    }

    /** The key of the current score. */
    public long key() {
        return key;
    }

    /** Impostor pairs with the current score. */
    public long negatives() {
        return negatives;
    }

    /** Genuine pairs with the current score. */
    public long positives() {
        return positives;
    }
}
