package mhlr.evaluate.roc;

import org.apache.spark.Partitioner;

/** Sends score range r to partition r: the key of a shuffled {@link RangeChunk} is its range index. */
final class RangeIndexPartitioner extends Partitioner {
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
