package mhlr.ingest;

/**
 * The pairs of one verification protocol as ingest passes them on the driver: kept (both sides written), of which
 * genuine, and left out because a side was not written. The kept and genuine counts go to the manifest's protocol
 * entry; the left-out ones are warned about.
 */
final class PairTally {
    private long kept;
    private long genuine;
    private long leftOut;

    /** Counts a kept pair, genuine when {@code same}. */
    void keep(boolean same) {
        kept++;
        if (same) {
            genuine++;
        }
    }

    /** Counts a pair left out. */
    void leaveOut() {
        leftOut++;
    }

    long kept() {
        return kept;
    }

    long genuine() {
        return genuine;
    }

    long leftOut() {
        return leftOut;
    }
}
