package mhlr.evaluate.embed;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.util.List;

/**
 * Image features, one float32 row per image: {@code [N, D]}, or {@code [N, 2D]} when each row holds the image's
 * embedding followed by its horizontal flip's (as insightface's IJB script saves them). Backed by heap arrays
 * or by memory-mapped chunks of a {@code .npy}, so IJB-C's 469,375 x 1024 floats need not fit the heap.
 */
public final class FeatureMatrix {
    private final List<FloatBuffer> chunks;
    private final int rowsPerChunk;
    private final long rows;
    private final int columns;
    private final boolean withFlip;

    private FeatureMatrix(List<FloatBuffer> chunks, int rowsPerChunk, long rows, int columns, boolean withFlip) {
        this.chunks = chunks;
        this.rowsPerChunk = rowsPerChunk;
        this.rows = rows;
        this.columns = columns;
        this.withFlip = withFlip;
    }

    /** Rows held in one heap array, row-major. */
    public static FeatureMatrix of(float[] values, long rows, int columns, boolean withFlip) {
        if ((long) values.length != rows * columns) {
            throw new IllegalArgumentException(values.length + " values do not make " + rows + " rows of " + columns);
        }
        int perChunk = rows == 0 ? 1 : (int) rows;
        return new FeatureMatrix(List.of(FloatBuffer.wrap(values)), perChunk, rows, columns, withFlip);
    }

    /** Rows in little-endian mapped chunks of {@code rowsPerChunk} rows each (the last may be shorter). */
    static FeatureMatrix mapped(List<MappedByteBuffer> chunks, int rowsPerChunk, long rows, int columns,
            boolean withFlip) {
        List<FloatBuffer> floats = chunks.stream()
                .map(chunk -> chunk.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()).toList();
        return new FeatureMatrix(floats, rowsPerChunk, rows, columns, withFlip);
    }

    public long rows() {
        return rows;
    }

    /** Columns per row: D, or 2D with the flip. */
    public int columns() {
        return columns;
    }

    /** The embedding dimension D. */
    public int dimension() {
        return withFlip ? columns / 2 : columns;
    }

    /** True when each row holds the embedding and its flip's side by side. */
    public boolean withFlip() {
        return withFlip;
    }

    /** Copies row {@code row} (all columns) into {@code out}. */
    public void row(long row, float[] out) {
        FloatBuffer chunk = chunks.get((int) (row / rowsPerChunk));
        chunk.get((int) (row % rowsPerChunk) * columns, out, 0, columns);
    }

    /** This matrix read as rows of {@code [embedding, flip]} (columns must be even). */
    public FeatureMatrix asFlipConcatenated() {
        return new FeatureMatrix(chunks, rowsPerChunk, rows, columns, true);
    }
}
