package mhlr.train.data;

/**
 * One batch of network input: {@code size} images as RGB planes in CHW order with values in [-1, 1]
 * ({@code pixels[i * 3 * s * s + c * s * s + y * s + x]}, {@code s = imageSize}) and their class labels.
 *
 * @param position where this batch sits: epoch and batch within it
 * @param pixels NCHW values, {@code size * 3 * imageSize^2} of them
 * @param labels dense class labels, {@code size} of them
 * @param imageSize side of each image
 */
public record TrainingBatch(DataPosition position, float[] pixels, int[] labels, int imageSize) {

    public TrainingBatch {
        if (pixels.length != labels.length * 3 * imageSize * imageSize) {
            throw new IllegalArgumentException(pixels.length + " pixel values do not make " + labels.length
                    + " images of 3x" + imageSize + "x" + imageSize);
        }
    }

    public int size() {
        return labels.length;
    }

    /** The NCHW shape {@code [size, 3, imageSize, imageSize]}. */
    public long[] shape() {
        return new long[] {labels.length, 3, imageSize, imageSize};
    }
}
