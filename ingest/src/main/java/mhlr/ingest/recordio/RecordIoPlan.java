package mhlr.ingest.recordio;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.Partitioner;

/**
 * How the faces are cut into parts: each part holds a contiguous range of labels, about the same number of images
 * each, and knows the key of its first record (the images of every label before it). As a Spark
 * {@link Partitioner} it sends a face keyed by {@link RecordIoOrder} to the part of its label.
 */
public final class RecordIoPlan extends Partitioner implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] firstLabels;
    private final long[] firstKeys;
    private final long images;

    private RecordIoPlan(int[] firstLabels, long[] firstKeys, long images) {
        this.firstLabels = firstLabels;
        this.firstKeys = firstKeys;
        this.images = images;
    }

    /**
     * Cuts {@code imagesPerLabel} into at most {@code parts} label ranges of about equal image counts.
     *
     * @param imagesPerLabel the images of each label (every label has at least one)
     */
    public static RecordIoPlan of(long[] imagesPerLabel, int parts) {
        long total = Arrays.stream(imagesPerLabel).sum();
        int count = Math.max(1, Math.min(parts, imagesPerLabel.length));
        int[] firstLabels = new int[count];
        long[] firstKeys = new long[count];
        int part = 1;
        long before = 0;
        for (int label = 0; label < imagesPerLabel.length && part < count; label++) {
            if (label > firstLabels[part - 1] && before >= total * part / count) {
                firstLabels[part] = label;
                firstKeys[part] = before;
                part++;
            }
            before += imagesPerLabel[label];
        }
        return new RecordIoPlan(Arrays.copyOf(firstLabels, part), Arrays.copyOf(firstKeys, part), total);
    }

    @Override
    public int numPartitions() {
        return firstLabels.length;
    }

    @Override
    public int getPartition(Object key) {
        int label = ((RecordIoOrder) key).label();
        int position = Arrays.binarySearch(firstLabels, label);
        return position >= 0 ? position : -position - 2;
    }

    /** The key of the first record of part {@code part}. */
    public long firstKey(int part) {
        return firstKeys[part];
    }

    /** Images in all parts. */
    public long images() {
        return images;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordIoPlan that && Arrays.equals(firstLabels, that.firstLabels)
                && Arrays.equals(firstKeys, that.firstKeys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(firstLabels);
    }
}
