package mhlr.core.sample;

import java.util.OptionalInt;

/**
 * What one sample format wrote.
 *
 * @param images image files (or records) written
 * @param pairs verification pairs (template pairs for IJB), empty for a training format
 */
public record SampleCount(int images, OptionalInt pairs) {

    /** A training format's count: images only. */
    static SampleCount images(int images) {
        return new SampleCount(images, OptionalInt.empty());
    }

    /** An evaluation format's count: images and the pairs among them. */
    static SampleCount imagesAndPairs(int images, int pairs) {
        return new SampleCount(images, OptionalInt.of(pairs));
    }
}
