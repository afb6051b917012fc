package mhlr.train.data;

/**
 * Derives independent seeds from the run's seed and a few coordinates (epoch, position, purpose) with the
 * SplitMix64 finaliser, so each random choice depends only on where it is made and never on what ran before it.
 */
public final class Seeds {
    /** Purposes, so two streams drawn for the same coordinates never coincide. */
    static final long SHARD_ORDER = 0x5A4D_4F52_4445_5231L;
    static final long ROW_GROUP_ORDER = 0x524F_5747_524F_5550L;
    static final long SHUFFLE_BUFFER = 0x5348_5546_464C_4542L;
    static final long FLIP = 0x464C_4950_464C_4950L;

    private Seeds() {
    }

    /** A well-mixed 64-bit value of the seed and the coordinates, in order. */
    public static long mix(long seed, long... coordinates) {
        long state = finalise(seed ^ 0x9E37_79B9_7F4A_7C15L);
        for (long coordinate : coordinates) {
            state = finalise(state + 0x9E37_79B9_7F4A_7C15L + coordinate);
        }
        return state;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
