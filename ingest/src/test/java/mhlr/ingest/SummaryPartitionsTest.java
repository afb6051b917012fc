package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryPartitionsTest {
    @Test
    void aPartitionPerCoreUntilEachWouldHoldAHundredOfPassOnesPartitions() {
        assertEquals(2, SummaryPartitions.of(100, 2));
        assertEquals(1, SummaryPartitions.of(1, 2));
        assertEquals(11, SummaryPartitions.of(1_001, 2));
        assertEquals(420, SummaryPartitions.of(42_000, 2));
        assertEquals(640, SummaryPartitions.of(42_000, 640));
    }
}
