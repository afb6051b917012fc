package mhlr.ingest.prepared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static final List<Integer> INPUTS = IntStream.range(0, 2_000).boxed().toList();

    @Test
    void everyItemComesOnceInTheOrderOfItsInput() {
        List<Integer> taken = new ArrayList<>();
        try (ReadAhead<Integer> ahead = ReadAhead.start("doubling", INPUTS, input -> 2 * input, 7, 3)) {
            while (ahead.hasNext()) {
                taken.add(ahead.next());
            }
        }
        assertEquals(INPUTS.stream().map(input -> 2 * input).toList(), taken);
    }

    @Test
    void aFailedItemIsThrownWhereItFailedWithItsCause() {
        IOException unreadable = new IOException("spill file ends early");
        try (ReadAhead<Integer> ahead = ReadAhead.start("failing", INPUTS, input -> {
            if (input == 5) {
                throw unreadable;
            }
            return input;
        }, 64, 2)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i, ahead.next());
            }
            IllegalStateException failure = assertThrows(IllegalStateException.class, ahead::next);
            assertSame(unreadable, failure.getCause());
            assertTrue(failure.getMessage().contains("failing: item 5 failed"), failure.getMessage());
            assertFalse(ahead.hasNext(), "nothing after the failure");
        }
    }

    @Test
    void aRuntimeFailureIsThrownAsItIs() {
        IllegalArgumentException bad = new IllegalArgumentException("bad record");
        try (ReadAhead<Integer> ahead = ReadAhead.start("runtime", INPUTS, input -> {
            throw bad;
        }, 1, 1)) {
            assertSame(bad, assertThrows(IllegalArgumentException.class, ahead::next));
        }
    }

    @Test
    void closingBeforeTheLastItemStopsTheThread() {
        ReadAhead<Integer> ahead = ReadAhead.start("stopped-early", INPUTS, input -> input, 2, 2);
        assertEquals(0, ahead.next());
        ahead.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("stopped-early")), "the thread has ended");
    }

    @Test
    void aBatchOrQueueBelowOneIsRefused() {
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(RuntimeException.class, () -> ReadAhead.start("none", INPUTS, input -> input, 0, 1)));
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(RuntimeException.class, () -> ReadAhead.start("none", INPUTS, input -> input, 1, 0)));
    }
}
