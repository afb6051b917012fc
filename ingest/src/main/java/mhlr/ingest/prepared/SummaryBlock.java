package mhlr.ingest.prepared;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The summaries of one partition packed into one byte array (each an int length and its bytes), which is what pass 1
 * hands Spark to cache: one cached object per partition instead of one per record, so Spark's memory store sizes
 * and tracks a few arrays rather than millions.
 */
public final class SummaryBlock {
    private SummaryBlock() {
    }

    /** The summaries in one block. */
    public static byte[] pack(List<byte[]> summaries) {
        int size = 0;
        for (byte[] summary : summaries) {
            size += Integer.BYTES + summary.length;
        }
        ByteBuffer block = ByteBuffer.allocate(size);
        for (byte[] summary : summaries) {
            block.putInt(summary.length).put(summary);
        }
        return block.array();
    }

    /** The summaries of all {@code blocks}, block after block, each in the order they were packed. */
    public static Iterator<byte[]> summaries(List<byte[]> blocks) {
        Iterator<byte[]> remaining = blocks.iterator();
        return new Iterator<>() {
            private Iterator<byte[]> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && remaining.hasNext()) {
                    current = summaries(remaining.next());
                }
                return current.hasNext();
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The summaries of a block, in the order they were packed. */
    public static Iterator<byte[]> summaries(byte[] block) {
        ByteBuffer in = ByteBuffer.wrap(block);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasRemaining();
            }

            @Override
            public byte[] next() {
                if (!in.hasRemaining()) {
                    throw new NoSuchElementException();
                }
                byte[] summary = new byte[in.getInt()];
                in.get(summary);
                return summary;
            }
        };
    }
}
