package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mhlr.core.cli.UsageException;
import mhlr.core.dataset.DatasetKind;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void eachFormatIsRefusedForAnInputItCannotHold() {
        OutputFormat.PARQUET.requireFor(DatasetKind.TRAIN, "folders");
        OutputFormat.PARQUET.requireFor(DatasetKind.EVAL, "ijb");
        OutputFormat.BOTH.requireFor(DatasetKind.TRAIN, "recordio");
        OutputFormat.BIN.requireFor(DatasetKind.EVAL, "lfw");
        assertRefused(() -> OutputFormat.RECORDIO.requireFor(DatasetKind.EVAL, "cfp"), "--format cfp");
        assertRefused(() -> OutputFormat.BOTH.requireFor(DatasetKind.EVAL, "bin"), "--format bin");
        assertRefused(() -> OutputFormat.BIN.requireFor(DatasetKind.TRAIN, "folders"), "--format folders");
        assertRefused(() -> OutputFormat.BIN.requireFor(DatasetKind.EVAL, "ijb"), "pairs templates");
    }

    @Test
    void recordIoGoesToItsOwnSubFolderOnlyBesideParquetShards() {
        assertEquals("", OutputFormat.RECORDIO.recordIoFolder());
        assertEquals("__recordio/", OutputFormat.BOTH.recordIoFolder());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        UsageException error = assertThrows(UsageException.class, () -> OutputFormat.named("tfrecord"));
        assertTrue(error.getMessage().contains("parquet, recordio, both, bin"), error.getMessage());
    }

    private static void assertRefused(Runnable check, String expected) {
        UsageException error = assertThrows(UsageException.class, check::run);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
