package mhlr.ingest.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.SkippedRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkippedTableTest {

    @Test
    void csvFieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals("plain/path.jpg", SkippedTable.csvField("plain/path.jpg"));
        assertEquals("\"a,b.jpg\"", SkippedTable.csvField("a,b.jpg"));
        assertEquals("\"say \"\"hi\"\"\"", SkippedTable.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", SkippedTable.csvField("two\nlines"));
    }

    @Test
    void aSecondAttemptReplacesTheFirstsTablesAndLeavesNoPartialFileBehind(@TempDir Path directory)
            throws IOException {
        List<SkippedRecord> skipped = List.of(new SkippedRecord("a/1.jpg", SkipReason.CORRUPT_IMAGE, "a/1.jpg: bad"),
                new SkippedRecord("b/2.jpg", SkipReason.EMPTY_FILE, "b/2.jpg: empty"));
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(directory.toUri());

        List<ShardFile> first = SkippedTable.write(new Configuration(), target, "7", 1 << 20, skipped.iterator());
        byte[] firstCsv = Files.readAllBytes(directory.resolve(ShardSchema.SKIPPED_CSV));
        List<ShardFile> second = SkippedTable.write(new Configuration(), target, "8", 1 << 20, skipped.iterator());

        assertEquals(first, second, "both attempts describe the same bytes");
        assertEquals(2, second.get(0).rows());
        assertArrayEquals(firstCsv, Files.readAllBytes(directory.resolve(ShardSchema.SKIPPED_CSV)));
        try (Stream<Path> files = Files.walk(directory)) {
            assertEquals(List.of(ShardSchema.SKIPPED_CSV, ShardSchema.SKIPPED_FILE), files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString()).filter(name -> !name.endsWith(".crc"))
                    .sorted().toList());
        }
    }
}
