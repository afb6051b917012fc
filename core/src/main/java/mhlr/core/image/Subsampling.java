package mhlr.core.image;

/**
 * How many pixels of an image a caller needs, chosen from its header's size before anything is decoded: the
 * decoder keeps every n-th pixel of every n-th row.
 */
@FunctionalInterface
public interface Subsampling {
    /** Every pixel. */
    Subsampling NONE = (width, height) -> 1;

    /** n (at least 1) for an image of {@code width x height}. */
    int step(int width, int height);
}
