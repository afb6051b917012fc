package mhlr.evaluate.roc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The exact ROC read-outs of {@link Roc} for scores that stay distributed: a distributed sort by score range
 * with exact per-range counts. No score travels to the driver.
 *
 * <ol>
 *   <li>Each scoring task cuts its scores into R score ranges (boundaries from a small sample, they only
 *       balance the work) as impostor and genuine key arrays; the chunks are shuffled so that reducer r holds
 *       every score of range r, which it radix-sorts. Equal scores always share a range, so every distinct
 *       score's group is whole in one reducer.</li>
 *   <li>Each reducer reports its counts and the counts of its first and last group. From these the driver
 *       knows the exact cumulative counts at every range edge, and which range-final group survives scikit-learn's
 *       {@code drop_intermediate} (that one rule needs the group after it, which lives in the next range).</li>
 *   <li>Each reducer then walks its groups with the exact counts above it, keeps the surviving points, and
 *       returns its best point per target FAR; the driver picks the best of those and the prepended (0, 0).
 *       The selection rule decomposes (see {@link TarAtFar}), so the result equals the single-machine one.</li>
 * </ol>
 */
public final class DistributedRoc {
    private DistributedRoc() {
    }

    /** The chosen points for each target FAR and the totals they are rates of. */
    public record Result(long impostors, long genuine, double[] fars, RocPoint[] chosen) {
        /** The TPR at target {@code i}. */
        public double tar(int i) {
            return chosen[i].truePositiveRate(genuine);
        }
    }

    /**
     * The scores of a contiguous block of pairs, in pair order: what a scoring task hands to the distributed ROC
     * and to the score writer. Primitive arrays, no row objects: IJB-C has 15.66 million pairs.
     *
     * @param firstPair the index of the block's first pair in the protocol's pair list
     * @param scores one score per pair
     * @param same whether each pair is genuine
     */
    public record ScoredBlock(long firstPair, double[] scores, boolean[] same) implements Serializable {
    }

    /** Range boundaries (ascending keys, {@code ranges - 1} of them) at quantiles of a sample of scores. */
    public static long[] boundaries(double[] sampleScores, int ranges) {
        long[] keys = Arrays.stream(sampleScores).mapToLong(ScoreKeys::key).toArray();
        LongRadixSort.sort(keys);
        long[] boundaries = new long[Math.max(0, ranges - 1)];
        for (int r = 1; r < ranges; r++) {
            boundaries[r - 1] = keys.length == 0 ? 0 : keys[(int) ((long) keys.length * r / ranges)];
        }
        return boundaries;
    }

    /**
     * The TPR read-outs at each of {@code fars}.
     *
     * @param scored the scores, in any partitioning
     * @param boundaries from {@link #boundaries}; their count + 1 reducers sort the scores
     * @throws IllegalArgumentException when a score is NaN
     */
    public static Result compute(JavaRDD<ScoredBlock> scored, long[] boundaries, double[] fars) {
        int ranges = boundaries.length + 1;
        JavaRDD<SortedRange> sorted = scored
                .flatMapToPair(block -> split(block, boundaries))
                .partitionBy(new RangeIndexPartitioner(ranges))
                .mapPartitionsWithIndex((index, chunks) -> List.of(SortedRange.gather(index, values(chunks)))
                        .iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            RangePlan plan = RangePlan.of(sorted.map(SortedRange::summary).collect());
            List<RocPoint[]> bests = sorted.map(range -> range.best(plan, fars)).collect();
            RocPoint[] chosen = new RocPoint[fars.length];
            for (int f = 0; f < fars.length; f++) {
                RocPoint best = RocPoint.ORIGIN;
                for (RocPoint[] rangeBest : bests) {
                    if (rangeBest[f] != null && TarAtFar.better(rangeBest[f], best, plan.impostors(), fars[f])) {
                        best = rangeBest[f];
                    }
                }
                chosen[f] = best;
            }
            return new Result(plan.impostors(), plan.genuine(), fars.clone(), chosen);
        } finally {
            sorted.unpersist(false);
        }
    }

    /** Cuts a block's scores into per-range key chunks; range 0 holds the highest scores. */
    static Iterator<Tuple2<Integer, SortedRange.Chunk>> split(ScoredBlock block, long[] boundaries) {
        int ranges = boundaries.length + 1;
        double[] scores = block.scores();
        boolean[] same = block.same();
        int[] impostorCounts = new int[ranges];
        int[] genuineCounts = new int[ranges];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of pair " + (block.firstPair() + i) + " is NaN");
            }
            int r = ranges - 1 - ascendingRange(ScoreKeys.key(scores[i]), boundaries);
            if (same[i]) {
                genuineCounts[r]++;
            } else {
                impostorCounts[r]++;
            }
        }
        long[][] impostors = new long[ranges][];
        long[][] genuine = new long[ranges][];
        for (int r = 0; r < ranges; r++) {
            impostors[r] = new long[impostorCounts[r]];
            genuine[r] = new long[genuineCounts[r]];
            impostorCounts[r] = 0;
            genuineCounts[r] = 0;
        }
        for (int i = 0; i < scores.length; i++) {
            long key = ScoreKeys.key(scores[i]);
            int r = ranges - 1 - ascendingRange(key, boundaries);
            if (same[i]) {
                genuine[r][genuineCounts[r]++] = key;
            } else {
                impostors[r][impostorCounts[r]++] = key;
            }
        }
        List<Tuple2<Integer, SortedRange.Chunk>> chunks = new ArrayList<>(ranges);
        for (int r = 0; r < ranges; r++) {
            if (impostors[r].length + genuine[r].length > 0) {
                chunks.add(new Tuple2<>(r, new SortedRange.Chunk(impostors[r], genuine[r])));
            }
        }
        return chunks.iterator();
    }

    /** The number of boundaries at or below the key (unsigned order). */
    private static int ascendingRange(long key, long[] boundaries) {
        int low = 0;
        int high = boundaries.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(boundaries[middle], key) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static Iterator<SortedRange.Chunk> values(Iterator<Tuple2<Integer, SortedRange.Chunk>> chunks) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return chunks.hasNext();
            }

            @Override
            public SortedRange.Chunk next() {
                return chunks.next()._2();
            }
        };
    }

    /** Sends score range r to partition r: the key of a shuffled {@link SortedRange.Chunk} is its range index. */
    private static final class RangeIndexPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;

        private final int ranges;

        RangeIndexPartitioner(int ranges) {
            this.ranges = ranges;
        }

        @Override
        public int numPartitions() {
            return ranges;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RangeIndexPartitioner that && that.ranges == ranges;
        }

        @Override
        public int hashCode() {
            return ranges;
        }
    }
}
