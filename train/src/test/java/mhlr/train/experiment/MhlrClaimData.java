package mhlr.train.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mhlr.core.cli.UsageException;
import mhlr.core.format.FacePair;
import mhlr.core.format.LfwPairs;

/**
 * The experiment's data, decided before anything is trained: the 1,200 pairs of LFW folds 1-2 that are scored, the
 * people that train (LFW-a people named by none of those pairs, plus ORL's 40 subjects), and the inputs of the two
 * {@code bin/ingest} runs that turn them into shards (a folder holding copies of the training people and a landmark
 * file carrying each image's fixed crop, {@link MhlrClaimCrop}; a pairs file and a landmark file for the scored
 * images, read straight from the LFW-a folder).
 *
 * <h2>Fold order</h2>
 * insightface's ten-fold protocol splits the pairs, in file order, into 10 contiguous folds. On the full LFW file those
 * are the official folds of 300 same and 300 different pairs; on folds 1-2 alone (1,200 pairs) contiguous tenths
 * would hold only same-person or only different-person pairs. {@link #balancedFolds} therefore reorders them into 10
 * folds of 60 same then 60 different pairs (official fold 1 gives folds 1-5, fold 2 gives folds 6-10, each keeping the
 * file's order), the same layout scaled down, so that every fold's accuracy is a balanced one and the standard
 * deviation over the folds means what it means on full LFW.
 */
final class MhlrClaimData {
    /** The official folds that are scored (1 and 2). */
    static final int SCORED_FOLDS = 2;
    /** The ten-fold protocol's fold count. */
    static final int FOLDS = 10;

    private MhlrClaimData() {
    }

    /**
     * The pairs of official folds 1-2 of an LFW View-2 {@code pairs.txt}.
     *
     * @throws UsageException when the file does not hold two full folds of 300 + 300 pairs
     */
    static List<FacePair> scoredPairs(Path pairsFile) {
        if (!Files.isRegularFile(pairsFile)) {
            throw new UsageException(pairsFile + " does not exist (--data names the folder holding lfw_a_subset/)");
        }
        List<FacePair> all;
        try {
            all = LfwPairs.read(pairsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pairsFile, e);
        }
        List<FacePair> scored = all.stream().filter(pair -> pair.fold() < SCORED_FOLDS).toList();
        if (scored.size() != SCORED_FOLDS * 600) {
            throw new UsageException(pairsFile + ": expected " + SCORED_FOLDS * 600 + " pairs in folds 1-"
                    + SCORED_FOLDS + " (LFW View 2, header '10 300'), found " + scored.size());
        }
        return scored;
    }

    /**
     * The pairs reordered into {@value #FOLDS} balanced folds (see the class comment), fold numbers renumbered 0-9.
     *
     * @param scored official folds in file order, each its same-person half then its different-person half of equal
     *     size
     */
    static List<FacePair> balancedFolds(List<FacePair> scored) {
        int officialFolds = scored.isEmpty() ? 0 : scored.get(scored.size() - 1).fold() + 1;
        if (officialFolds == 0 || FOLDS % officialFolds != 0 || scored.size() % (2 * FOLDS) != 0) {
            throw new IllegalArgumentException(scored.size() + " pairs in " + officialFolds
                    + " official folds cannot be dealt into " + FOLDS + " balanced folds");
        }
        int perOfficialHalf = scored.size() / officialFolds / 2;
        int splits = FOLDS / officialFolds;
        int perBlock = perOfficialHalf / splits;
        List<FacePair> ordered = new ArrayList<>(scored.size());
        for (int official = 0; official < officialFolds; official++) {
            int start = official * 2 * perOfficialHalf;
            for (int split = 0; split < splits; split++) {
                int fold = official * splits + split;
                for (boolean same : new boolean[] {true, false}) {
                    int from = start + (same ? 0 : perOfficialHalf) + split * perBlock;
                    for (int i = from; i < from + perBlock; i++) {
                        FacePair pair = scored.get(i);
                        if (pair.fold() != official || pair.same() != same) {
                            throw new IllegalArgumentException("pair " + i + " (" + pair + ") should be a "
                                    + (same ? "same" : "different") + "-person pair of official fold " + official);
                        }
                        ordered.add(new FacePair(pair.left(), pair.right(), same, fold));
                    }
                }
            }
        }
        return ordered;
    }

    /** The people the pairs name (the folder part of each image key). */
    static Set<String> people(List<FacePair> pairs) {
        Set<String> names = new TreeSet<>();
        for (FacePair pair : pairs) {
            names.add(person(pair.left()));
            names.add(person(pair.right()));
        }
        return names;
    }

    /** The image keys the pairs name, each once, in order of first use. */
    static Set<String> images(List<FacePair> pairs) {
        Set<String> keys = new LinkedHashSet<>();
        for (FacePair pair : pairs) {
            keys.add(pair.left());
            keys.add(pair.right());
        }
        return keys;
    }

    /**
     * The person folders of {@code lfw} with at least {@code minImages} JPEG images whose name is not in
     * {@code excluded}, sorted.
     */
    static List<String> trainingPeople(Path lfw, Set<String> excluded, int minImages) {
        List<String> people = new ArrayList<>();
        for (Path folder : folders(lfw)) {
            String name = folder.getFileName().toString();
            if (!excluded.contains(name) && files(folder, ".jpg").size() >= minImages) {
                people.add(name);
            }
        }
        return people;
    }

    /** Copies a folder's regular files: ingest reads only files under its input root, and refuses links out of it. */
    private static void copyImages(Path folder, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName().toString()));
            }
        }
    }

    /**
     * Writes the training input of {@code bin/ingest --format landmarks}: {@code work/train-input/} with a copy of
     * each identity folder (the LFW-a people, then ORL's subjects when {@code orl} is given), and the landmark
     * file {@code work/train-landmarks.txt} with one line per image, its source's crop as five points.
     *
     * @return the landmark file
     */
    static Path writeTrainingInput(Path work, Path lfw, List<String> people, Path orl) {
        Path input = work.resolve("train-input");
        Path landmarkFile = work.resolve("train-landmarks.txt");
        List<String> lines = new ArrayList<>();
        try {
            recreate(input);
            for (String person : people) {
                Path folder = lfw.resolve(person).toAbsolutePath();
                copyImages(folder, input.resolve(person));
                for (Path image : files(folder, ".jpg")) {
                    lines.add(MhlrClaimCrop.LFW_A.landmarkLine(person + "/" + image.getFileName()));
                }
            }
            if (orl != null) {
                for (Path folder : folders(orl)) {
                    String subject = folder.getFileName().toString();
                    if (people.contains(subject)) {
                        throw new UsageException(orl + ": ORL subject folder " + subject + " clashes with an LFW name");
                    }
                    copyImages(folder.toAbsolutePath(), input.resolve(subject));
                    for (Path image : files(folder, ".pgm")) {
                        lines.add(MhlrClaimCrop.ORL.landmarkLine(subject + "/" + image.getFileName()));
                    }
                }
            }
            Files.write(landmarkFile, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training input under " + work, e);
        }
        return landmarkFile;
    }

    /**
     * Writes the evaluation input of {@code bin/ingest --format lfw}: {@code work/scored-pairs.txt} (the reordered
     * pairs, header {@code 10 60}) and {@code work/scored-landmarks.txt} (the LFW-a crop for every image they name).
     *
     * @return the pairs file and the landmark file
     */
    static Path[] writeEvaluationInput(Path work, List<FacePair> ordered) {
        Path pairsFile = work.resolve("scored-pairs.txt");
        Path landmarkFile = work.resolve("scored-landmarks.txt");
        try {
            Files.createDirectories(work);
            LfwPairs.write(pairsFile, ordered);
            List<String> lines = new ArrayList<>();
            for (String key : images(ordered)) {
                lines.add(MhlrClaimCrop.LFW_A.landmarkLine(key));
            }
            Files.write(landmarkFile, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation input under " + work, e);
        }
        return new Path[] {pairsFile, landmarkFile};
    }

    /** Lines of a landmark file (how many images it lists). */
    static long countLines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String person(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("'" + key + "' is not an image key person/file");
        }
        return key.substring(0, slash);
    }

    private static List<Path> folders(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Empties {@code directory} (the copied identity folders of an earlier call included), creating it if absent. */
    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> entries = Files.walk(directory)) {
                for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                    if (!entry.equals(directory)) {
                        Files.delete(entry);
                    }
                }
            }
        }
        Files.createDirectories(directory);
    }
}
