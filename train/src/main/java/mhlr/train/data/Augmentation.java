package mhlr.train.data;

/**
 * The random augmentation of arcface_torch's training transform: a horizontal flip with probability 1/2. The coin
 * of each sample is drawn from {@code (seed, epoch, position in the epoch)}, so it does not depend on which thread
 * decodes the image or when, and a resumed run flips exactly as an uninterrupted one.
 */
public final class Augmentation {
    private Augmentation() {
    }

    /** Whether the sample at {@code position} of {@code epoch} is mirrored. */
    public static boolean flip(long seed, int epoch, long position) {
        return (Seeds.mix(seed, Seeds.FLIP, epoch, position) & 1L) == 1L;
    }
}
