package mhlr.core.format;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an indexed RecordIO pair ({@code train.rec} + {@code train.idx}) byte for byte as MXNet's
 * {@code MXIndexedRecordIO.write_idx} does, using dmlc-core's framing: each record is uint32 magic
 * {@code 0xced7230a}, uint32 {@code lrecord} (upper 3 bits continuation flag, lower 29 bits length), the payload,
 * zero padding to a multiple of 4; little-endian. As in dmlc-core, a payload that contains the magic number at a
 * 4-byte aligned position is split there into parts (flags 1 start, 2 middle, 3 end) with the magic itself left
 * out, so a reader can always resynchronise on the magic.
 *
 * <p>The insightface layout (record 0 a meta header, then images, then identity records) is built with
 * {@link #writeImage} and {@link #writeLabels}; see {@link RecordIoLayout}.
 */
public final class RecordIoWriter implements AutoCloseable {
    /** The dmlc RecordIO magic number. */
    public static final int MAGIC = 0xced7230a;
    /** Largest payload part a record header can describe (29 bits). */
    static final int MAX_LENGTH = (1 << 29) - 1;

    private final OutputStream rec;
    private final Writer idx;
    private final byte[] header = new byte[8];
    private long position;

    private RecordIoWriter(OutputStream rec, Writer idx) {
        this.rec = rec;
        this.idx = idx;
    }

    /** Creates (or replaces) the two files. */
    public static RecordIoWriter create(Path rec, Path idx) throws IOException {
        return open(Files.newOutputStream(rec), Files.newOutputStream(idx));
    }

    /**
     * Writes to two streams (e.g. files on a Hadoop file system), which {@link #close} closes. Offsets in the index
     * count from the start of {@code rec}.
     */
    public static RecordIoWriter open(OutputStream rec, OutputStream idx) {
        return new RecordIoWriter(new BufferedOutputStream(rec, 1 << 16),
                new BufferedWriter(new OutputStreamWriter(idx, StandardCharsets.US_ASCII), 1 << 16));
    }

    /** Writes an image record as insightface's builders do: flag 0, the class as label, {@code id} = key. */
    public void writeImage(long key, float label, byte[] image) throws IOException {
        write(key, RecordIoRecord.pack(label, new float[0], key, 0, image));
    }

    /**
     * Writes a record whose header carries float labels (flag = number of labels), e.g. the meta record 0 with
     * labels {@code [A, B]} or an identity record with {@code [first_image, end_image)}.
     */
    public void writeLabels(long key, float[] labels, long id, long id2, byte[] image) throws IOException {
        if (labels.length == 0) {
            throw new IllegalArgumentException("a labels record needs at least one label");
        }
        write(key, RecordIoRecord.pack(0f, labels, id, id2, image));
    }

    /** Writes one record's payload with dmlc framing and its index line. */
    public void write(long key, byte[] payload) throws IOException {
        if (payload.length > MAX_LENGTH) {
            throw new IllegalArgumentException("RecordIO records hold less than 2^29 bytes, got " + payload.length);
        }
        idx.write(key + "\t" + position + "\n");
        int length = payload.length;
        int lowerAligned = length & ~3;
        int partStart = 0;
        for (int i = 0; i < lowerAligned; i += 4) {
            if (isMagicAt(payload, i)) {
                writePart(partStart == 0 ? 1 : 2, payload, partStart, i - partStart);
                partStart = i + 4;
            }
        }
        writePart(partStart != 0 ? 3 : 0, payload, partStart, length - partStart);
        int padding = ((length + 3) & ~3) - length;
        rec.write(new byte[padding]);
        position += padding;
    }

    /** Bytes written to the {@code .rec} so far (the offset of the next record). */
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        try (OutputStream closingRec = rec; Writer closingIdx = idx) {
            closingRec.flush();
            closingIdx.flush();
        }
    }

    private void writePart(int continuation, byte[] payload, int start, int length) throws IOException {
        putInt(header, 0, MAGIC);
        putInt(header, 4, continuation << 29 | length);
        rec.write(header);
        rec.write(payload, start, length);
        position += 8 + length;
    }

    static boolean isMagicAt(byte[] bytes, int i) {
        return bytes[i] == (byte) MAGIC && bytes[i + 1] == (byte) (MAGIC >>> 8) && bytes[i + 2] == (byte) (MAGIC >>> 16)
                && bytes[i + 3] == (byte) (MAGIC >>> 24);
    }

    static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }
}
