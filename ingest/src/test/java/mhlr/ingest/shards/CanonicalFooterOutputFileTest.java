package mhlr.ingest.shards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalFooterOutputFileTest {
    private static final int ROWS = 3_000;

    @TempDir
    Path directory;

    @Test
    void theSameRowsGiveTheSameBytesInEveryJvm() throws Exception {
        Path here = directory.resolve("here.parquet");
        write(here);
        byte[] expected = Files.readAllBytes(here);
        for (int jvm = 0; jvm < 3; jvm++) {
            Path there = directory.resolve("jvm-" + jvm + ".parquet");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), there.toString())
                    .inheritIO().start();
            if (!child.waitFor(120, TimeUnit.SECONDS) || child.exitValue() != 0) {
                child.destroyForcibly();
                throw new AssertionError("the writer JVM failed for " + there);
            }
            assertArrayEquals(expected, Files.readAllBytes(there), "bytes written by JVM " + jvm);
        }
    }

    @Test
    void everyColumnChunkListsItsEncodingsSortedAndTheRowsReadBack() throws IOException {
        Path file = directory.resolve("rows.parquet");
        write(file);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        Configuration hadoop = new Configuration();
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData footer = Util.readFileMetaData(
                new ByteArrayInputStream(bytes, bytes.length - 8 - footerLength, footerLength));
        assertTrue(footer.getRow_groups().size() > 1, "row groups: " + footer.getRow_groups().size());
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                List<Integer> listed = chunk.getMeta_data().getEncodings().stream().map(Encoding::getValue).toList();
                assertEquals(listed.stream().sorted().toList(), listed, chunk.getMeta_data().getPath_in_schema().toString());
                assertTrue(listed.size() > 1, "a column with one encoding cannot show the order");
            }
        }
        int rows = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(hadoop).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                assertEquals(rows % 50, row.getInteger(ShardSchema.LABEL, 0));
                assertEquals("source/" + rows, row.getString(ShardSchema.SOURCE, 0));
                rows++;
            }
        }
        assertEquals(ROWS, rows);
    }

    @Test
    void aFileLargerThanTwiceTheHeldTailIsPassedOnWholeInOrderAndHashedAsStored() throws IOException {
        Path file = directory.resolve("large.parquet");
        int imageBytes = 7_000;
        CanonicalFooterOutputFile written = write(file, imageBytes);
        assertTrue(Files.size(file) > 2L * CanonicalFooterOutputFile.TAIL_BYTES, "size " + Files.size(file));
        assertEquals(Files.size(file), written.length());
        try (InputStream stored = Files.newInputStream(file)) {
            assertEquals(ShardSet.sha256(stored), written.sha256());
        }
        int rows = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                byte[] image = row.getGroup(ShardSchema.IMAGE, 0).getBinary(ShardSchema.BYTES, 0).getBytes();
                assertEquals(imageBytes, image.length);
                assertEquals((byte) rows, image[rows % imageBytes], "row " + rows);
                assertEquals("source/" + rows, row.getString(ShardSchema.SOURCE, 0));
                rows++;
            }
        }
        assertEquals(ROWS, rows);
    }

    static void write(Path file) throws IOException {
        write(file, 700);
    }

    private static CanonicalFooterOutputFile write(Path file, int imageBytes) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(ParquetSchemas.TRAINING);
        byte[] image = new byte[imageBytes];
        Configuration hadoop = new Configuration();
        CanonicalFooterOutputFile output = new CanonicalFooterOutputFile(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), hadoop), true);
        try (ParquetWriter<Group> writer = ParquetFiles.writer(output, hadoop, ParquetSchemas.TRAINING, 256 << 10)) {
            for (int i = 0; i < ROWS; i++) {
                image[i % image.length] = (byte) i;
                Group row = groups.newGroup();
                row.add(ShardSchema.LABEL, i % 50);
                row.add(ShardSchema.IDENTITY, "identity-" + (i % 50));
                row.addGroup(ShardSchema.IMAGE).add(ShardSchema.BYTES, Binary.fromReusedByteArray(image.clone()));
                row.add(ShardSchema.SOURCE, "source/" + i);
                writer.write(row);
            }
        }
        return output;
    }

    /** Writes the test's rows in a JVM of its own. */
    public static final class Writer {
        private Writer() {
        }

        public static void main(String[] arguments) throws IOException {
            write(Path.of(arguments[0]));
        }
    }
}
