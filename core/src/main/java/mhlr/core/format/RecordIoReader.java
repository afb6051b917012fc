package mhlr.core.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import mhlr.core.cli.UsageException;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * Reads an indexed RecordIO pair ({@code train.rec} + {@code train.idx}) record by record at the offsets the index
 * gives, undoing dmlc-core's framing (see {@link RecordIoWriter}) and splitting the payload
 * ({@link RecordIoRecord}).
 *
 * <p>For parallel reading (ingest splits the index over Spark tasks) each task opens its own channel and calls
 * {@link #readAt(SeekableByteChannel, long, long, String)} with the offsets of its share of {@link #images()}.
 * A record that does not frame correctly (wrong magic, a length past the end of the file, a broken multi-part
 * record, a payload past {@link #MAX_RECORD_BYTES}) is a {@link BadRecordException} with
 * {@link SkipReason#BAD_RECORD} and a detail like
 * {@code "train.rec: key 17 at offset 4096: expected magic 0xced7230a, found 0x00000000"}.
 */
public final class RecordIoReader implements AutoCloseable {
    /**
     * The largest payload one record may join to (64 MiB, the cap of every image read): an aligned face is a few
     * kilobytes, and a crafted header chain must not allocate gigabytes or pass an array's 2 GB limit.
     */
    public static final int MAX_RECORD_BYTES = 64 << 20;

    private static final int LENGTH_MASK = (1 << 29) - 1;

    private final Path rec;
    private final FileChannel channel;
    private final RecordIoIndex index;
    private RecordIoLayout layout;

    private RecordIoReader(Path rec, FileChannel channel, RecordIoIndex index) {
        this.rec = rec;
        this.channel = channel;
        this.index = index;
    }

    /** Opens a {@code .rec} with its {@code .idx}. */
    public static RecordIoReader open(Path rec, Path idx) throws IOException {
        return open(rec, RecordIoIndex.read(idx));
    }

    /** Opens a {@code .rec} with an index already read. */
    public static RecordIoReader open(Path rec, RecordIoIndex index) throws IOException {
        return new RecordIoReader(rec, FileChannel.open(rec, StandardOpenOption.READ), index);
    }

    public RecordIoIndex index() {
        return index;
    }

    /** The record with this key. */
    public RecordIoRecord read(long key) throws IOException, BadRecordException {
        long offset = index.offsetOf(key);
        if (offset < 0) {
            throw new IllegalArgumentException(rec + ": the index has no key " + key);
        }
        return readAt(channel, offset, key, rec.toString());
    }

    /**
     * Which keys are images, from record 0 (read once).
     *
     * @throws UsageException when record 0 cannot be read or its meta labels make no sense
     */
    public synchronized RecordIoLayout layout() throws IOException {
        if (layout == null) {
            layout = detectLayout();
        }
        return layout;
    }

    /** The index entries of the image records, sorted by offset. */
    public RecordIoIndex images() throws IOException {
        RecordIoLayout known = layout();
        return index.select(known::isImage);
    }

    private RecordIoLayout detectLayout() throws IOException {
        if (!index.contains(0)) {
            return RecordIoLayout.ALL_IMAGES;
        }
        RecordIoRecord first;
        try {
            first = read(0);
        } catch (BadRecordException e) {
            throw new UsageException(rec + ": record 0, which says whether the file has a meta header, is unreadable: "
                    + e.detail(), e);
        }
        if (first.flag() == 0) {
            return RecordIoLayout.ALL_IMAGES;
        }
        if (first.labels().length < 2) {
            throw new UsageException(rec + ": record 0 has " + first.labels().length + " label(s) "
                    + Arrays.toString(first.labels()) + "; an insightface meta header has two, [A, B]");
        }
        long imageEnd = (long) first.labels()[0];
        long identityEnd = (long) first.labels()[1];
        if (imageEnd < 1 || identityEnd < imageEnd) {
            throw new UsageException(rec + ": record 0 is a meta header with labels [" + first.labels()[0] + ", "
                    + first.labels()[1] + "], which is not 1 <= A <= B");
        }
        return new RecordIoLayout(true, imageEnd, identityEnd);
    }

    /**
     * Reads the record that starts at {@code offset}.
     *
     * @param key the record's key, for the record and for messages
     * @param source the file's name for messages
     */
    public static RecordIoRecord readAt(SeekableByteChannel channel, long offset, long key, String source)
            throws IOException, BadRecordException {
        String where = source + ": key " + key + " at offset " + offset;
        return RecordIoRecord.parse(key, offset, readPayloadAt(channel, offset, where), where);
    }

    /**
     * The payload of the record at {@code offset}, its parts joined as dmlc-core joins them (the magic number
     * between two parts). A whole record (continuation flag 0, nearly every record) costs two reads: its header and
     * its payload. A multi-part record is read in two passes through a {@link ChannelWindow}: the part headers are
     * walked and checked first, which gives the joined length, then the payload is allocated once and each part
     * copied into its place, so many parts cost the record's size and not a copy per part. A record whose payload
     * would pass {@link #MAX_RECORD_BYTES} is refused before anything is allocated.
     */
    static byte[] readPayloadAt(SeekableByteChannel channel, long offset, String where)
            throws IOException, BadRecordException {
        long size = channel.size();
        requireHeaderInside(offset, size, where);
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ChannelWindow.readFully(channel, header, offset);
        int lrecord = checkedHeader(header.getInt(0), header.getInt(4), size, offset, 0, where);
        if (lrecord >>> 29 != 0) {
            return readParts(new ChannelWindow(channel), size, offset, where);
        }
        int length = lrecord & LENGTH_MASK;
        requireUnderCap(length, 1, where);
        byte[] payload = new byte[length];
        ChannelWindow.readFully(channel, ByteBuffer.wrap(payload), offset + 8);
        return payload;
    }

    private static byte[] readParts(ChannelWindow window, long size, long offset, String where)
            throws IOException, BadRecordException {
        long length = 0;
        long position = offset;
        for (int part = 0; ; part++) {
            requireHeaderInside(position, size, where);
            int lrecord = checkedHeader(window.readInt(position), window.readInt(position + 4), size, position, part,
                    where);
            int continuation = lrecord >>> 29;
            long partLength = lrecord & LENGTH_MASK;
            length += partLength + (continuation == 1 || continuation == 2 ? 4 : 0);
            requireUnderCap(length, part + 1, where);
            position += 8 + ((partLength + 3L) & ~3L);
            if (continuation == 3) {
                break;
            }
        }
        byte[] payload = new byte[(int) length];
        int filled = 0;
        position = offset;
        while (filled < payload.length) {
            int partLength = window.readInt(position + 4) & LENGTH_MASK;
            window.read(position + 8, payload, filled, partLength);
            filled += partLength;
            if (filled < payload.length) {
                RecordIoWriter.putInt(payload, filled, RecordIoWriter.MAGIC);
                filled += 4;
            }
            position += 8 + ((partLength + 3L) & ~3L);
        }
        return payload;
    }

    private static void requireHeaderInside(long position, long size, String where) throws BadRecordException {
        if (position < 0 || position + 8 > size) {
            throw bad(where, "the record header at offset " + position + " runs past the end of the file ("
                    + size + " bytes)");
        }
    }

    private static void requireUnderCap(long length, int parts, String where) throws BadRecordException {
        if (length > MAX_RECORD_BYTES) {
            throw bad(where, String.format("the record passes the cap of %,d bytes for one record (%,d bytes after"
                    + " %,d part(s))", MAX_RECORD_BYTES, length, parts));
        }
    }

    /** Checks the header of part {@code part} (0-based) at {@code position}; returns its lrecord. */
    private static int checkedHeader(int magic, int lrecord, long size, long position, int part, String where)
            throws BadRecordException {
        if (magic != RecordIoWriter.MAGIC) {
            throw bad(where, String.format("expected magic 0xced7230a at offset %d, found 0x%08x", position, magic));
        }
        int continuation = lrecord >>> 29;
        long partLength = lrecord & LENGTH_MASK;
        if (part == 0 && (continuation == 2 || continuation == 3)) {
            throw bad(where, "the offset points into the middle of a multi-part record (continuation flag "
                    + continuation + ")");
        }
        if (part > 0 && continuation != 2 && continuation != 3) {
            throw bad(where, "part " + (part + 1) + " of a multi-part record has continuation flag "
                    + continuation + " instead of 2 or 3");
        }
        if (continuation > 3) {
            throw bad(where, "continuation flag " + continuation + " is not 0-3");
        }
        if (position + 8 + partLength > size) {
            throw bad(where, "lrecord announces " + partLength + " payload bytes but only "
                    + (size - position - 8) + " remain in the file");
        }
        return lrecord;
    }

    private static BadRecordException bad(String where, String what) {
        return new BadRecordException(SkipReason.BAD_RECORD, where + ": " + what);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
