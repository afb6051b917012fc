package mhlr.ingest.record;

import java.io.Serializable;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * A record that was read but is not written, as the skipped table lists it.
 *
 * @param source the record's path relative to the input, or its key
 * @param reason why
 * @param detail what exactly, for people (e.g. "JPEG data ends early after 1,204 bytes")
 */
public record SkippedRecord(String source, SkipReason reason, String detail) implements Serializable {

    public static SkippedRecord of(String source, BadRecordException bad) {
        return new SkippedRecord(source, bad.reason(), bad.detail());
    }

    /** Whether the reason is a fault of the input (counted against the skipped-share limit). */
    public boolean isBad() {
        return reason != SkipReason.DUPLICATE && reason != SkipReason.FILTERED;
    }
}
