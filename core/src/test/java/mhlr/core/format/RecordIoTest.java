package mhlr.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIoTest {
    private static final byte[] MAGIC_BYTES = {0x0a, 0x23, (byte) 0xd7, (byte) 0xce};

    @TempDir
    Path directory;

    private Path rec() {
        return directory.resolve("train.rec");
    }

    private Path idx() {
        return directory.resolve("train.idx");
    }

    /** Two identities: images 1-3 of class 0, images 4-5 of class 1; identity records 6 and 7. */
    private void writeInsightfaceLayout(boolean metaLast) throws IOException {
        try (RecordIoWriter writer = RecordIoWriter.create(rec(), idx())) {
            if (!metaLast) {
                writer.writeLabels(0, new float[] {6, 8}, 0, 0, new byte[0]);
            }
            for (int key = 1; key <= 5; key++) {
                writer.writeImage(key, key <= 3 ? 0 : 1, image(key));
            }
            writer.writeLabels(6, new float[] {1, 4}, 6, 0, new byte[0]);
            writer.writeLabels(7, new float[] {4, 6}, 7, 0, new byte[0]);
            if (metaLast) {
                writer.writeLabels(0, new float[] {6, 8}, 0, 1, new byte[0]);
            }
        }
    }

    @Test
    void readsBackImagesLabelsAndIdentityRecordsOfTheInsightfaceLayout() throws Exception {
        for (boolean metaLast : new boolean[] {false, true}) {
            writeInsightfaceLayout(metaLast);
            try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
                RecordIoLayout layout = reader.layout();
                assertTrue(layout.hasMeta());
                assertEquals(6, layout.imageEnd());
                assertTrue(layout.isIdentity(7));
                RecordIoIndex images = reader.images();
                assertEquals(5, images.size());
                for (int i = 0; i < images.size(); i++) {
                    long key = images.key(i);
                    RecordIoRecord record = reader.read(key);
                    assertArrayEquals(image((int) key), record.image());
                    assertEquals(key <= 3 ? 0f : 1f, record.label());
                    assertEquals(0, record.flag());
                    assertEquals(key, record.id());
                }
                RecordIoRecord identity = reader.read(7);
                assertEquals(2, identity.flag());
                assertEquals(4f, identity.label());
                assertArrayEquals(new float[] {4, 6}, identity.labels());
                assertEquals(0, identity.image().length);
            }
        }
    }

    @Test
    void framesEachRecordWithMagicLengthAndZeroPadding() throws IOException {
        try (RecordIoWriter writer = RecordIoWriter.create(rec(), idx())) {
            writer.writeImage(1, 3f, new byte[] {1, 2, 3, 4, 5, 6});
            writer.writeImage(2, 4f, new byte[] {7, 8, 9, 10});
        }
        byte[] file = Files.readAllBytes(rec());
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(MAGIC_BYTES, Arrays.copyOfRange(file, 0, 4));
        assertEquals(30, bytes.getInt(4), "lrecord = payload length, continuation flag 0");
        assertEquals(0, bytes.getInt(8), "IfQQ flag");
        assertEquals(3f, bytes.getFloat(12));
        assertEquals(1L, bytes.getLong(16), "id = key");
        assertEquals(0L, bytes.getLong(24), "id2");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 0, 0}, Arrays.copyOfRange(file, 32, 40), "image + padding");
        assertArrayEquals(MAGIC_BYTES, Arrays.copyOfRange(file, 40, 44));
        assertEquals(28, bytes.getInt(44));
        assertEquals(40 + 8 + 28, file.length);
        assertEquals(List.of("1\t0", "2\t40"), Files.readAllLines(idx()));
    }

    @Test
    void aPayloadHoldingTheMagicIsSplitIntoPartsAndJoinedBackOnRead() throws Exception {
        byte[] image = new byte[22];
        System.arraycopy(MAGIC_BYTES, 0, image, 4, 4);
        System.arraycopy(MAGIC_BYTES, 0, image, 8, 4);
        image[20] = 42;
        byte[] payload = RecordIoRecord.pack(5f, new float[0], 1, 0, image);
        try (RecordIoWriter writer = RecordIoWriter.create(rec(), idx())) {
            writer.write(1, payload);
            writer.writeImage(2, 6f, new byte[] {1});
        }
        byte[] file = Files.readAllBytes(rec());
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1 << 29 | 28, bytes.getInt(4), "start part: the 24-byte header and 4 image bytes");
        assertArrayEquals(MAGIC_BYTES, Arrays.copyOfRange(file, 36, 40));
        assertEquals(2 << 29, bytes.getInt(40), "middle part: empty, between two adjacent magics");
        assertEquals(3 << 29 | 10, bytes.getInt(48), "end part: the last 10 bytes");
        assertEquals(52 + 12, file.length - 8 - 28, "end part padded to 12 bytes, then the next record");
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx()); FileChannel channel = FileChannel.open(rec())) {
            assertArrayEquals(image, reader.read(1).image());
            assertEquals(6f, reader.read(2).label());
            BadRecordException middle = assertThrows(BadRecordException.class,
                    () -> RecordIoReader.readAt(channel, 36, 1, "train.rec"));
            assertTrue(middle.detail().contains("middle of a multi-part record"), middle.detail());
        }
    }

    @Test
    void aRecordOfTwoHundredThousandPartsIsJoinedWithoutACopyPerPart() throws Exception {
        int parts = 200_000;
        ByteBuffer file = ByteBuffer.allocate(8 + 24 + 12 * (parts - 1)).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(RecordIoWriter.MAGIC).putInt(1 << 29 | 24).putInt(0).putFloat(3f).putLong(0).putLong(0);
        for (int part = 1; part < parts; part++) {
            file.putInt(RecordIoWriter.MAGIC).putInt((part == parts - 1 ? 3 : 2) << 29 | 4).putInt(part);
        }
        Files.write(rec(), file.array());
        Files.writeString(idx(), "1\t0\n");

        RecordIoRecord record = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
                return reader.read(1);
            }
        });
        assertEquals(3f, record.label());
        assertEquals(8 * (parts - 1), record.image().length, "each part's 4 bytes after the magic that joins it");
        assertArrayEquals(MAGIC_BYTES, Arrays.copyOfRange(record.image(), 0, 4));
        assertEquals(parts - 1, ByteBuffer.wrap(record.image()).order(ByteOrder.LITTLE_ENDIAN)
                .getInt(record.image().length - 4));
    }

    @Test
    void aRecordPastTheCapIsRefusedNamingTheFileAndOffsetBeforeItIsAllocated() throws Exception {
        long claimed = RecordIoReader.MAX_RECORD_BYTES + 4L;
        try (FileChannel channel = FileChannel.open(rec(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(RecordIoWriter.MAGIC)
                    .putInt((int) claimed).flip());
            channel.write(ByteBuffer.allocate(1), 8 + claimed);
        }
        Files.writeString(idx(), "1\t0\n");
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
            BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(1));
            assertEquals(SkipReason.BAD_RECORD, e.reason());
            assertTrue(e.detail().startsWith(rec() + ": key 1 at offset 0: the record passes the cap of 67,108,864"
                    + " bytes"), e.detail());
        }
    }

    @Test
    void withoutAMetaRecordEveryKeyIsAnImage() throws Exception {
        try (RecordIoWriter writer = RecordIoWriter.create(rec(), idx())) {
            writer.writeImage(0, 0f, image(0));
            writer.writeImage(1, 1f, image(1));
        }
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
            assertFalse(reader.layout().hasMeta());
            assertEquals(2, reader.images().size());
        }
        try (RecordIoWriter writer = RecordIoWriter.create(rec(), idx())) {
            writer.writeImage(5, 0f, image(5));
            writer.writeImage(9, 1f, image(9));
        }
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
            assertEquals(RecordIoLayout.ALL_IMAGES, reader.layout());
            assertArrayEquals(image(9), reader.read(9).image());
        }
    }

    @Test
    void aRecordWithBadMagicOrLengthIsABadRecordNamingKeyAndOffset() throws Exception {
        writeInsightfaceLayout(false);
        RecordIoIndex index = RecordIoIndex.read(idx());
        long offset = index.offsetOf(3);
        byte[] file = Files.readAllBytes(rec());
        file[(int) offset] = 0;
        Files.write(rec(), file);
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
            BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(3));
            assertEquals(SkipReason.BAD_RECORD, e.reason());
            assertTrue(e.detail().endsWith("train.rec: key 3 at offset " + offset
                    + ": expected magic 0xced7230a at offset " + offset + ", found 0xced72300"), e.detail());
            assertEquals(1f, reader.read(4).label(), "the other records still read");
        }
        Files.write(rec(), Arrays.copyOf(file, (int) index.offsetOf(5) + 20));
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
            BadRecordException e = assertThrows(BadRecordException.class, () -> reader.read(5));
            assertTrue(e.detail().contains("key 5 at offset " + index.offsetOf(5) + ": lrecord announces"),
                    e.detail());
            assertThrows(BadRecordException.class, () -> reader.read(6));
        }
    }

    @Test
    void aBrokenIndexLineIsAUsageErrorNamingFileAndLine() throws IOException {
        Files.writeString(idx(), "0\t0\n1\t40\nthree\t80\n");
        UsageException e = assertThrows(UsageException.class, () -> RecordIoIndex.read(idx()));
        assertTrue(e.getMessage().endsWith("train.idx:3: expected 'key<TAB>byte_offset', got 'three\t80'"),
                e.getMessage());
    }

    @Test
    void aMetaRecordWithImpossibleBoundsIsAUsageError() throws IOException {
        try (RecordIoWriter writer = RecordIoWriter.create(rec(), idx())) {
            writer.writeLabels(0, new float[] {9, 3}, 0, 0, new byte[0]);
        }
        try (RecordIoReader reader = RecordIoReader.open(rec(), idx())) {
            UsageException e = assertThrows(UsageException.class, reader::layout);
            assertTrue(e.getMessage().contains("not 1 <= A <= B"), e.getMessage());
        }
    }

    private static byte[] image(int key) {
        byte[] image = new byte[5 + key];
        Arrays.fill(image, (byte) (key * 11));
        return image;
    }
}
