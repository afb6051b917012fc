package mhlr.ingest.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardOrderTest {

    @Test
    void placeDependsOnlyOnSeedAndSourceAndIsStableAcrossRuns() {
        assertEquals(ShardOrder.of(3407, "a/1.jpg", 8), ShardOrder.of(3407, "a/1.jpg", 8));
        // SHA-256 of the seed as 8 big-endian bytes and the UTF-8 name, first 8 bytes: any language can redo it.
        assertEquals(3660923682576131399L, ShardOrder.seededHash(3407, "a/1.jpg"));
        assertNotEquals(ShardOrder.seededHash(3407, "a/1.jpg"), ShardOrder.seededHash(3408, "a/1.jpg"));
    }

    @Test
    void recordsSpreadOverShardsEvenlyAndAreShuffledNotInSourceOrder() {
        int[] perShard = new int[4];
        List<ShardOrder> orders = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            ShardOrder order = ShardOrder.of(1, String.format("id/%05d.jpg", i), 4);
            perShard[order.shard()]++;
            orders.add(order);
        }
        for (int count : perShard) {
            assertTrue(count > 880 && count < 1120, "about 1000 per shard, got " + count);
        }
        Collections.sort(orders);
        List<String> firstShard = orders.stream().filter(o -> o.shard() == 0).map(ShardOrder::source).toList();
        List<String> sorted = new ArrayList<>(firstShard);
        Collections.sort(sorted);
        assertNotEquals(sorted, firstShard, "inside a shard the order is the seeded hash, not the name");
    }
}
