package mhlr.train.verification;

/** The network as verification sees it: a batch of images in, one embedding per image out. */
@FunctionalInterface
public interface Embedder {
    /**
     * Embeds {@code count} images stored one after another as RGB planes in [-1, 1] (3 x size x size floats each).
     *
     * @return {@code count} raw (not normalised) embeddings
     */
    float[][] embed(float[] pixels, int count);
}
