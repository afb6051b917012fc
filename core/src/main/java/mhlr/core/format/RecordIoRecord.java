package mhlr.core.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * One record of an insightface RecordIO file, its payload split as MXNet's {@code recordio.unpack} splits it:
 * the 24-byte {@code IfQQ} header ({@code flag:uint32, label:float32, id:uint64, id2:uint64}), then {@code flag}
 * float32 labels when {@code flag > 0}, then the image bytes.
 *
 * @param key the record's key in the {@code .idx}
 * @param offset the byte offset of the record's first part in the {@code .rec}
 * @param flag the header's flag: 0 for a scalar label, else the number of float labels that follow
 * @param headerLabel the header's label field (0 when {@code flag > 0})
 * @param labels the float labels after the header ({@code flag} of them; empty when {@code flag == 0})
 * @param id the header's first id
 * @param id2 the header's second id
 * @param image the bytes after the labels (an encoded image, or empty for meta and identity records)
 */
public record RecordIoRecord(long key, long offset, int flag, float headerLabel, float[] labels, long id, long id2,
                             byte[] image) {
    /** Size of the {@code IfQQ} header. */
    public static final int HEADER_SIZE = 24;

    /** The label as insightface reads it: the header's label, or the first float label when there are any. */
    public float label() {
        return flag > 0 ? labels[0] : headerLabel;
    }

    /** Parses a record payload; {@code where} ("train.rec: key 5 at offset 1024") prefixes error details. */
    static RecordIoRecord parse(long key, long offset, byte[] payload, String where) throws BadRecordException {
        if (payload.length < HEADER_SIZE) {
            throw new BadRecordException(SkipReason.BAD_RECORD, where + ": payload of " + payload.length
                    + " bytes is shorter than the 24-byte IfQQ header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        long flag = Integer.toUnsignedLong(buffer.getInt());
        float label = buffer.getFloat();
        long id = buffer.getLong();
        long id2 = buffer.getLong();
        if (flag > (payload.length - HEADER_SIZE) / 4) {
            throw new BadRecordException(SkipReason.BAD_RECORD, where + ": header flag " + flag + " announces more"
                    + " float labels than the " + (payload.length - HEADER_SIZE) + " payload bytes after the header"
                    + " hold");
        }
        float[] labels = new float[(int) flag];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = buffer.getFloat();
        }
        byte[] image = Arrays.copyOfRange(payload, buffer.position(), payload.length);
        return new RecordIoRecord(key, offset, (int) flag, label, labels, id, id2, image);
    }

    /**
     * The payload of a record as MXNet's {@code recordio.pack} builds it: with {@code labels} empty, flag 0 and
     * the scalar {@code label}; otherwise flag = number of labels, header label 0, and the labels after the header.
     */
    public static byte[] pack(float label, float[] labels, long id, long id2, byte[] image) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_SIZE + 4 * labels.length + image.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(labels.length);
        buffer.putFloat(labels.length > 0 ? 0f : label);
        buffer.putLong(id);
        buffer.putLong(id2);
        for (float value : labels) {
            buffer.putFloat(value);
        }
        buffer.put(image);
        return buffer.array();
    }
}
