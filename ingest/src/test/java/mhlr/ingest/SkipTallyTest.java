package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.SkippedRecord;
import org.junit.jupiter.api.Test;

class SkipTallyTest {

    @Test
    void duplicatesAndFilteredRecordsDoNotCountAgainstTheLimit() {
        SkipTally tally = SkipTally.fromCodes(Map.of("", 90L, "DUPLICATE", 5L, "FILTERED", 4L, "EMPTY_FILE", 1L));

        assertEquals(100, tally.read());
        assertEquals(10, tally.skipped());
        assertEquals(1, tally.bad());
        assertDoesNotThrow(() -> tally.checkLimit(0.01, List::of));
    }

    @Test
    void exceedingTheLimitNamesCountsReasonsAndAnExample() {
        SkipTally tally = SkipTally.fromCodes(Map.of("", 97L, "CORRUPT_IMAGE", 2L, "NOT_AN_IMAGE", 1L));
        SkippedRecord example = new SkippedRecord("a/b.jpg", SkipReason.CORRUPT_IMAGE, "a/b.jpg: JPEG is damaged");

        UsageException refused = assertThrows(UsageException.class, () -> tally.checkLimit(0.01, () -> List.of(example)));

        assertTrue(refused.getMessage().startsWith("3 of 100 records (3.00 %) could not be used, more than"
                + " ingest.max-skipped-fraction = 1.00 % (not_an_image 1, corrupt_image 2)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("a/b.jpg: JPEG is damaged"), refused.getMessage());
    }

    @Test
    void plusAddsSkipsOfLaterStagesToTheSameRecordsRead() {
        SkipTally read = SkipTally.fromCodes(Map.of("", 10L, "EMPTY_FILE", 1L));
        SkipTally later = SkipTally.fromCodes(Map.of("DUPLICATE", 2L));

        SkipTally all = read.plus(later);

        assertEquals(11, all.read());
        assertEquals(3, all.skipped());
        assertEquals(2, all.count(SkipReason.DUPLICATE));
        assertEquals("empty_file 1, duplicate 2", all.plus(new SkipTally(0, Map.of(SkipReason.FILTERED, 0L)))
                .reasons(false), "reasons with no record are not listed");
    }
}
