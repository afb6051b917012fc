package mhlr.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShuffleBufferTest {

    private static List<Long> drain(ShuffleBuffer<Long> buffer, long items) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < items; i++) {
            Long evicted = buffer.offer(i);
            if (evicted != null) {
                out.add(evicted);
            }
        }
        for (Long rest = buffer.poll(); rest != null; rest = buffer.poll()) {
            out.add(rest);
        }
        return out;
    }

    @Test
    void everyItemComesOutExactlyOnce() {
        for (int capacity : new int[] {1, 7, 100, 1000}) {
            List<Long> out = drain(new ShuffleBuffer<>(capacity, 42), 500);
            assertEquals(LongStream.range(0, 500).boxed().toList(), out.stream().sorted().toList(),
                    "capacity " + capacity);
        }
    }

    @Test
    void orderDependsOnTheSeedOnlyAndMixes() {
        List<Long> first = drain(new ShuffleBuffer<>(64, 7), 1000);
        assertEquals(first, drain(new ShuffleBuffer<>(64, 7), 1000));
        assertNotEquals(first, drain(new ShuffleBuffer<>(64, 8), 1000));
        assertNotEquals(LongStream.range(0, 1000).boxed().toList(), first);
    }

    @Test
    void replacingResidentsKeepsTheOrder() {
        ShuffleBuffer<Long> buffer = new ShuffleBuffer<>(16, 3);
        for (long i = 0; i < 40; i++) {
            buffer.offer(i);
        }
        buffer.replaceAll(item -> item + 1000);
        ShuffleBuffer<Long> reference = new ShuffleBuffer<>(16, 3);
        for (long i = 0; i < 40; i++) {
            reference.offer(i);
        }
        for (int i = 0; i < 16; i++) {
            assertEquals(reference.poll() + 1000, buffer.poll());
        }
    }
}
