package mhlr.core.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mhlr.core.cli.UsageException;

/**
 * IJB-B/C 1:N identification as insightface ships it in {@code meta/}: two gallery files and the mixed probe
 * file, {@code <prefix>_1N_gallery_G1.csv}, {@code <prefix>_1N_gallery_G2.csv} and
 * {@code <prefix>_1N_probe_mixed.csv} (IJB-B names its galleries {@code S1} and {@code S2}; both names are read).
 *
 * @param galleryOne the first gallery's lines
 * @param galleryTwo the second gallery's lines
 * @param probes the probe lines
 */
public record IjbIdentificationMeta(IjbTemplateSubjects galleryOne, IjbTemplateSubjects galleryTwo,
        IjbTemplateSubjects probes) {
    public static final String GALLERY_ONE_SUFFIX = "_1N_gallery_G1.csv";
    public static final String GALLERY_TWO_SUFFIX = "_1N_gallery_G2.csv";
    public static final String PROBES_SUFFIX = "_1N_probe_mixed.csv";
    private static final String IJBB_GALLERY_ONE_SUFFIX = "_1N_gallery_S1.csv";
    private static final String IJBB_GALLERY_TWO_SUFFIX = "_1N_gallery_S2.csv";

    /**
     * Reads the three files of {@code prefix} in {@code meta}; empty when none of them exists.
     *
     * @throws UsageException when only some exist, naming the missing ones, or a line is malformed
     */
    public static Optional<IjbIdentificationMeta> read(Path meta, String prefix) throws IOException {
        Path one = galleryFile(meta, prefix, GALLERY_ONE_SUFFIX, IJBB_GALLERY_ONE_SUFFIX);
        Path two = galleryFile(meta, prefix, GALLERY_TWO_SUFFIX, IJBB_GALLERY_TWO_SUFFIX);
        Path probes = meta.resolve(prefix + PROBES_SUFFIX);
        List<String> missing = new ArrayList<>();
        for (Path file : List.of(one, two, probes)) {
            if (!Files.isRegularFile(file)) {
                missing.add(file.getFileName().toString());
            }
        }
        if (missing.size() == 3) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new UsageException(meta + ": 1:N identification needs " + prefix + GALLERY_ONE_SUFFIX + ", "
                    + prefix + GALLERY_TWO_SUFFIX + " and " + prefix + PROBES_SUFFIX + "; missing " + missing);
        }
        return Optional.of(new IjbIdentificationMeta(IjbTemplateSubjects.read(one), IjbTemplateSubjects.read(two),
                IjbTemplateSubjects.read(probes)));
    }

    /** Writes the three files with prefix {@code prefix} into {@code meta}; file names per line for each. */
    public void write(Path meta, String prefix, String[] galleryOneFiles, String[] galleryTwoFiles,
            String[] probeFiles) throws IOException {
        Files.createDirectories(meta);
        galleryOne.write(meta.resolve(prefix + GALLERY_ONE_SUFFIX), galleryOneFiles);
        galleryTwo.write(meta.resolve(prefix + GALLERY_TWO_SUFFIX), galleryTwoFiles);
        probes.write(meta.resolve(prefix + PROBES_SUFFIX), probeFiles);
    }

    private static Path galleryFile(Path meta, String prefix, String suffix, String ijbbSuffix) {
        Path file = meta.resolve(prefix + suffix);
        Path ijbb = meta.resolve(prefix + ijbbSuffix);
        return !Files.isRegularFile(file) && Files.isRegularFile(ijbb) ? ijbb : file;
    }
}
