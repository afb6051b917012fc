package mhlr.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which one epoch reads the row groups: the shards in a random order, and inside each shard its row
 * groups in a random order, both drawn from {@code (seed, epoch)} alone. Reading shard by shard keeps one file open
 * at a time; the shuffle buffer behind it mixes rows across groups and shards.
 */
final class EpochOrder {
    private final List<RowGroup> groups;
    private final long[] firstReadPosition;
    private final long images;

    private EpochOrder(List<RowGroup> groups) {
        this.groups = List.copyOf(groups);
        this.firstReadPosition = new long[groups.size() + 1];
        for (int i = 0; i < groups.size(); i++) {
            firstReadPosition[i + 1] = firstReadPosition[i] + groups.get(i).rows();
        }
        this.images = firstReadPosition[groups.size()];
    }

    static EpochOrder of(TrainingData shards, long seed, int epoch) {
        List<Integer> shardOrder = new ArrayList<>();
        for (int shard = 0; shard < shards.shardCount(); shard++) {
            shardOrder.add(shard);
        }
        shuffle(shardOrder, new SplittableRandom(Seeds.mix(seed, Seeds.SHARD_ORDER, epoch)));
        List<RowGroup> order = new ArrayList<>();
        for (int shard : shardOrder) {
            List<RowGroup> groups = new ArrayList<>(shards.rowGroups(shard));
            shuffle(groups, new SplittableRandom(Seeds.mix(seed, Seeds.ROW_GROUP_ORDER, epoch, shard)));
            order.addAll(groups);
        }
        return new EpochOrder(order);
    }

    /** Fisher-Yates with the given generator. */
    static <T> void shuffle(List<T> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            Collections.swap(items, i, random.nextInt(i + 1));
        }
    }

    List<RowGroup> groups() {
        return groups;
    }

    /** Rows in the epoch. */
    long images() {
        return images;
    }

    /** The read position of the first row of the {@code i}-th group in read order. */
    long firstReadPosition(int group) {
        return firstReadPosition[group];
    }

    /** The index (in read order) of the group holding read position {@code position}. */
    int groupAt(long position) {
        if (position < 0 || position >= images) {
            throw new IndexOutOfBoundsException("read position " + position + " outside 0.." + (images - 1));
        }
        int low = 0;
        int high = groups.size() - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (firstReadPosition[middle] <= position) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
