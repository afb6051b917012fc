package mhlr.core.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mhlr.core.cli.UsageException;

/**
 * The IJB-B / IJB-C 1:1 verification protocol as insightface ships it: {@code loose_crop/*.jpg} and
 * {@code meta/} holding {@code <prefix>_face_tid_mid.txt}, {@code <prefix>_template_pair_label.txt} and
 * {@code <prefix>_name_5pts_score.txt}, the prefix {@code ijbb} or {@code ijbc} (found by globbing {@code meta/}).
 * Reading checks that every template a pair names has at least one face.
 */
public final class IjbMeta {
    public static final String FACES_SUFFIX = "_face_tid_mid.txt";
    public static final String PAIRS_SUFFIX = "_template_pair_label.txt";
    public static final String LANDMARKS_SUFFIX = "_name_5pts_score.txt";
    public static final String IMAGES = "loose_crop";
    public static final String META = "meta";

    private final String name;
    private final Path images;
    private final IjbFaces faces;
    private final IjbTemplatePairs pairs;
    private final LandmarkFile landmarks;

    private IjbMeta(String name, Path images, IjbFaces faces, IjbTemplatePairs pairs, LandmarkFile landmarks) {
        this.name = name;
        this.images = images;
        this.faces = faces;
        this.pairs = pairs;
        this.landmarks = landmarks;
    }

    /**
     * Reads the protocol under {@code root} (the directory holding {@code meta/} and {@code loose_crop/}).
     *
     * @param prefix {@code ijbb} or {@code ijbc}; empty to take the one prefix {@code meta/} holds
     * @throws UsageException naming the file and line that is missing, ambiguous or malformed
     */
    public static IjbMeta read(Path root, Optional<String> prefix) throws IOException {
        Path meta = root.resolve(META);
        if (!Files.isDirectory(meta)) {
            throw new UsageException(root + ": no meta/ directory; give the IJB root that holds meta/ and loose_crop/");
        }
        String name = prefix.isPresent() ? prefix.get() : findPrefix(meta);
        Path facesFile = required(meta.resolve(name + FACES_SUFFIX));
        Path pairsFile = required(meta.resolve(name + PAIRS_SUFFIX));
        Path landmarksFile = required(meta.resolve(name + LANDMARKS_SUFFIX));
        IjbFaces faces = IjbFaces.read(facesFile);
        IjbTemplatePairs pairs = IjbTemplatePairs.read(pairsFile);
        int[] templates = faces.templateIds();
        for (int i = 0; i < pairs.size(); i++) {
            for (int template : new int[] {pairs.left(i), pairs.right(i)}) {
                if (Arrays.binarySearch(templates, template) < 0) {
                    throw new UsageException(pairsFile + ":" + (i + 1) + ": template " + template + " has no face in "
                            + facesFile.getFileName());
                }
            }
        }
        return new IjbMeta(name, root.resolve(IMAGES), faces, pairs, LandmarkFile.read(landmarksFile));
    }

    /** Writes the three meta files with prefix {@code name} under {@code root}/meta. */
    public static void write(Path root, String name, IjbFaces faces, IjbTemplatePairs pairs,
                             Map<String, FaceLandmarks> landmarks) throws IOException {
        Path meta = Files.createDirectories(root.resolve(META));
        faces.write(meta.resolve(name + FACES_SUFFIX));
        pairs.write(meta.resolve(name + PAIRS_SUFFIX));
        LandmarkFile.write(meta.resolve(name + LANDMARKS_SUFFIX), landmarks, true, ' ');
    }

    private static String findPrefix(Path meta) throws IOException {
        List<String> prefixes;
        try (Stream<Path> files = Files.list(meta)) {
            prefixes = files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(FACES_SUFFIX))
                    .map(file -> file.substring(0, file.length() - FACES_SUFFIX.length()))
                    .sorted().toList();
        }
        if (prefixes.size() != 1) {
            throw new UsageException(meta + ": expected one *" + FACES_SUFFIX + " (ijbb_ or ijbc_), found "
                    + (prefixes.isEmpty() ? "none" : prefixes) + (prefixes.size() > 1 ? "; name the one to use" : ""));
        }
        return prefixes.get(0);
    }

    private static Path required(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": missing");
        }
        return file;
    }

    /** The prefix, e.g. {@code ijbc}: the protocol's name. */
    public String name() {
        return name;
    }

    /** The directory of the loose crops the face file names. */
    public Path imageDirectory() {
        return images;
    }

    public IjbFaces faces() {
        return faces;
    }

    public IjbTemplatePairs pairs() {
        return pairs;
    }

    /** Landmarks and detector scores by image name; lines that do not parse are in its problems. */
    public LandmarkFile landmarks() {
        return landmarks;
    }
}
