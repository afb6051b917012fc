package mhlr.ingest.shards;

import org.apache.spark.Partitioner;

/** Sends each record keyed by a {@link ShardOrder} to the Spark partition of its shard: one partition per shard. */
public final class ShardPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int shards;

    public ShardPartitioner(int shards) {
        this.shards = shards;
    }

    @Override
    public int numPartitions() {
        return shards;
    }

    @Override
    public int getPartition(Object key) {
        return ((ShardOrder) key).shard();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPartitioner that && that.shards == shards;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(shards);
    }
}
