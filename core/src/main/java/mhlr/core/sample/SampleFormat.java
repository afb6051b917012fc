package mhlr.core.sample;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import mhlr.core.cli.UsageException;

/** The formats {@link SampleDataWriter} writes, each into the subdirectory of its name. */
public enum SampleFormat {
    /** {@code folders/}: WebFace layout of aligned 112x112 JPEGs (training identities). */
    FOLDERS,
    /** {@code recordio/}: insightface {@code train.rec}, {@code train.idx}, {@code property} (training identities). */
    RECORDIO,
    /** {@code landmarks/}: un-aligned photos in identity folders plus {@code landmarks.txt} (training identities). */
    LANDMARKS,
    /** {@code lfw/}: LFW layout of un-aligned photos, {@code pairs.txt}, {@code lfw_landmark.txt} (evaluation). */
    LFW,
    /** {@code verification/sample.bin}: aligned pairs as an insightface {@code .bin} (evaluation). */
    VERIFICATION,
    /** {@code cfp/}: CFP layout of frontal and profile face crops with its {@code Protocol/} (evaluation). */
    CFP,
    /** {@code ijb/}: IJB-C layout, {@code loose_crop/} photos and {@code meta/} files (evaluation). */
    IJB;

    /** The subdirectory, e.g. {@code recordio}. */
    public String directory() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the format holds training identities (the others hold the disjoint evaluation identities). */
    public boolean training() {
        return this == FOLDERS || this == RECORDIO || this == LANDMARKS;
    }

    /**
     * Parses a comma-separated list such as {@code folders,recordio} ({@code all} for every format).
     *
     * @throws UsageException naming an unknown format
     */
    public static Set<SampleFormat> parse(String list) {
        Set<SampleFormat> formats = EnumSet.noneOf(SampleFormat.class);
        for (String name : list.split(",")) {
            String trimmed = name.strip().toLowerCase(Locale.ROOT);
            if (trimmed.equals("all")) {
                formats.addAll(EnumSet.allOf(SampleFormat.class));
                continue;
            }
            SampleFormat match = null;
            for (SampleFormat format : values()) {
                if (format.directory().equals(trimmed)) {
                    match = format;
                }
            }
            if (match == null) {
                throw new UsageException("unknown sample format '" + name.strip() + "'; known: all, folders, recordio,"
                        + " landmarks, lfw, verification, cfp, ijb");
            }
            formats.add(match);
        }
        return formats;
    }
}
