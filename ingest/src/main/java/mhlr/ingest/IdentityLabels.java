package mhlr.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dense training labels: the identities that pass the filters, in sorted name order, numbered 0 .. C-1. Sorting
 * by name (not by the order records were read) keeps labels the same across reruns and cluster sizes.
 * Identities with fewer than {@code minImages} usable images are left out, then all but the first
 * {@code maxIdentities} (0 = no limit).
 */
public final class IdentityLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Integer> labels;
    private final Map<String, Long> images;
    private final int minImages;
    private final int maxIdentities;
    private final long keptImages;
    private final long keptBytes;
    private final long usableImages;

    private IdentityLabels(Map<String, Integer> labels, Map<String, Long> images, int minImages, int maxIdentities,
            long keptImages, long keptBytes, long usableImages) {
        this.labels = labels;
        this.images = images;
        this.minImages = minImages;
        this.maxIdentities = maxIdentities;
        this.keptImages = keptImages;
        this.keptBytes = keptBytes;
        this.usableImages = usableImages;
    }

    /**
     * Assigns labels.
     *
     * @param usable per identity: its usable images and their stored bytes
     */
    public static IdentityLabels assign(Map<String, IdentitySum> usable, int minImages, int maxIdentities) {
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Long> images = new HashMap<>();
        long keptImages = 0;
        long keptBytes = 0;
        long usableImages = 0;
        for (Map.Entry<String, IdentitySum> identity : new TreeMap<>(usable).entrySet()) {
            long count = identity.getValue().images();
            images.put(identity.getKey(), count);
            usableImages += count;
            boolean enough = count >= minImages;
            boolean room = maxIdentities == 0 || labels.size() < maxIdentities;
            if (enough && room) {
                labels.put(identity.getKey(), labels.size());
                keptImages += count;
                keptBytes += identity.getValue().bytes();
            }
        }
        return new IdentityLabels(labels, images, minImages, maxIdentities, keptImages, keptBytes, usableImages);
    }

    /** The dense label of a kept identity, or {@code null}. */
    public Integer label(String identity) {
        return labels.get(identity);
    }

    /** Why an identity without a label was left out. */
    public String whyLeftOut(String identity) {
        long count = images.getOrDefault(identity, 0L);
        if (count < minImages) {
            return String.format("identity %s has %d usable image%s, fewer than ingest.min-images-per-identity = %d",
                    identity, count, count == 1 ? "" : "s", minImages);
        }
        return String.format("identity %s comes after the first ingest.max-identities = %d identities in sorted order",
                identity, maxIdentities);
    }

    /** Images of each kept identity, indexed by label. */
    public long[] imagesPerLabel() {
        long[] counts = new long[labels.size()];
        labels.forEach((identity, label) -> counts[label] = images.get(identity));
        return counts;
    }

    /** Number of kept identities (the classes). */
    public int classes() {
        return labels.size();
    }

    /** Usable images of the kept identities (what will be written). */
    public long keptImages() {
        return keptImages;
    }

    /** Usable images of the identities the filters left out. */
    public long leftOutImages() {
        return usableImages - keptImages;
    }

    /** Stored bytes of those images. */
    public long keptBytes() {
        return keptBytes;
    }
}
