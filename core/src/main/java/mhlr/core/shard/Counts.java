package mhlr.core.shard;

/**
 * The record counts of an ingest run. {@code read = written + skipped} always holds; duplicates are among
 * the skipped.
 *
 * @param read records seen in the input
 * @param written records written to shards
 * @param skipped records not written (each listed in the skipped table with its reason)
 * @param duplicates skipped records that were exact duplicates of a written one
 * @param images images in the shards (equal to written)
 * @param classes identities in training shards; 0 for evaluation shards
 */
public record Counts(long read, long written, long skipped, long duplicates, long images, long classes) {

    public Counts {
        if (read != written + skipped) {
            throw new IllegalArgumentException("counts do not reconcile: read " + read + " != written " + written
                    + " + skipped " + skipped);
        }
    }
}
