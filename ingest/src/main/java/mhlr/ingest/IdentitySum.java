package mhlr.ingest;

import java.io.Serializable;

/**
 * What one identity brings to a training set: its usable images (decoded, not duplicates) and their stored bytes.
 * Summed per partition of the census shuffle by {@link CensusByContent}, across partitions by {@link Census#add},
 * read by {@link IdentityLabels}.
 *
 * @param images usable images
 * @param bytes their stored bytes
 */
public record IdentitySum(long images, long bytes) implements Serializable {

    /** Nothing yet. */
    public static final IdentitySum NONE = new IdentitySum(0, 0);

    /** This sum with {@code other} added. */
    public IdentitySum plus(IdentitySum other) {
        return new IdentitySum(images + other.images, bytes + other.bytes);
    }
}
