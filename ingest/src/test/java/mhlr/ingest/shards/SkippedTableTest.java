package mhlr.ingest.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkippedTableTest {

    @Test
    void csvFieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals("plain/path.jpg", SkippedTable.csvField("plain/path.jpg"));
        assertEquals("\"a,b.jpg\"", SkippedTable.csvField("a,b.jpg"));
        assertEquals("\"say \"\"hi\"\"\"", SkippedTable.csvField("say \"hi\""));
        assertEquals("\"two\nlines\"", SkippedTable.csvField("two\nlines"));
    }
}
