package mhlr.ingest;

/**
 * How many partitions the summaries are handled in after pass 1: the census's shuffle, and the jobs that read the
 * cached summaries again (the shard and RecordIO writers' shuffles, the skipped table, an evaluation set's keys).
 * Pass 1 cuts the input into partitions of about a thousand records, for progress and balance; its summaries are a
 * few dozen bytes each, so a task per pass-1 partition afterwards costs more in task set-up than in work, and every
 * shuffle map task writes a file per partition through a 32 KB buffer (Spark's bypass of the sort, up to 200
 * partitions): at 100,000 faces the census wrote 100 files from each of 100 tasks. So: one partition per core, and
 * more only when each would hold over {@value #PASS_ONE_PARTITIONS_EACH} of pass 1's partitions (about 100,000
 * summaries, a few tens of MB of maps). Nothing the job writes depends on the count.
 */
final class SummaryPartitions {
    /** Pass 1's partitions one partition may take before there are more partitions than cores. */
    static final int PASS_ONE_PARTITIONS_EACH = 100;

    private SummaryPartitions() {
    }

    /** The partitions for summaries in {@code passOnePartitions} partitions, on {@code cores} cores. */
    static int of(int passOnePartitions, int cores) {
        int bySize = (passOnePartitions + PASS_ONE_PARTITIONS_EACH - 1) / PASS_ONE_PARTITIONS_EACH;
        return Math.max(1, Math.min(passOnePartitions, Math.max(cores, bySize)));
    }
}
