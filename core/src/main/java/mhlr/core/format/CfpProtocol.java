package mhlr.core.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import mhlr.core.cli.UsageException;

/**
 * The CFP (Celebrities in Frontal-Profile) protocol under a dataset root:
 * <ul>
 *   <li>{@code Protocol/Pair_list_F.txt} and {@code Pair_list_P.txt}: lines {@code index path}, the path relative
 *       to {@code Protocol/} ({@code ../Data/Images/001/frontal/01.jpg}) or, in redistributed copies, to the root
 *       ({@code Data/Images/...}); the lists may also be renamed (any {@code *list*F.txt} / {@code *list*P.txt},
 *       any case);</li>
 *   <li>{@code Protocol/Split/FF/01..10/same.txt} and {@code diff.txt}, likewise {@code FP}: lines {@code i,j} of
 *       1-based list indices; FF indexes the frontal list twice, FP pairs a frontal (first) with a profile
 *       (second).</li>
 * </ul>
 * Image keys are paths relative to the root ({@code Data/Images/001/frontal/01.jpg}). Pairs are in fold order,
 * each fold's same pairs before its different pairs.
 */
public final class CfpProtocol {
    private static final String PROTOCOL = "Protocol";

    private final List<String> frontal;
    private final List<String> profile;
    private final List<FacePair> frontalFrontal;
    private final List<FacePair> frontalProfile;

    private CfpProtocol(List<String> frontal, List<String> profile, List<FacePair> frontalFrontal,
                        List<FacePair> frontalProfile) {
        this.frontal = frontal;
        this.profile = profile;
        this.frontalFrontal = frontalFrontal;
        this.frontalProfile = frontalProfile;
    }

    /**
     * Reads the protocol of the CFP dataset at {@code root} (the directory holding {@code Protocol/} and
     * {@code Data/}).
     *
     * @throws UsageException naming the file (and line) that is missing or malformed
     */
    public static CfpProtocol read(Path root) throws IOException {
        Path protocol = root.resolve(PROTOCOL);
        if (!Files.isDirectory(protocol)) {
            throw new UsageException(root + ": no " + PROTOCOL + "/ directory; give the CFP root that holds"
                    + " Protocol/ and Data/");
        }
        List<String> frontal = readList(findList(protocol, "f", "frontal"));
        List<String> profile = readList(findList(protocol, "p", "profile"));
        Path split = child(protocol, "Split");
        List<FacePair> ff = readSplit(child(split, "FF"), frontal, frontal);
        List<FacePair> fp = readSplit(child(split, "FP"), frontal, profile);
        return new CfpProtocol(List.copyOf(frontal), List.copyOf(profile), ff, fp);
    }

    /** Frontal images in list order (list index i+1 is element i). */
    public List<String> frontalImages() {
        return frontal;
    }

    /** Profile images in list order. */
    public List<String> profileImages() {
        return profile;
    }

    /** CFP-FF: frontal-frontal pairs, 10 folds. */
    public List<FacePair> frontalFrontal() {
        return frontalFrontal;
    }

    /** CFP-FP: frontal-profile pairs, 10 folds. */
    public List<FacePair> frontalProfile() {
        return frontalProfile;
    }

    /**
     * Writes a protocol in the original layout under {@code root}/Protocol: the lists with {@code ../}-relative
     * paths and the split files, folds numbered {@code 01, 02, ...}.
     *
     * @param frontal frontal image keys (relative to root), list order
     * @param profile profile image keys, list order
     * @param ff pairs whose keys are in {@code frontal} twice
     * @param fp pairs whose left key is in {@code frontal} and right key in {@code profile}
     */
    public static void write(Path root, List<String> frontal, List<String> profile, List<FacePair> ff,
                             List<FacePair> fp) throws IOException {
        Path protocol = Files.createDirectories(root.resolve(PROTOCOL));
        writeList(protocol.resolve("Pair_list_F.txt"), frontal);
        writeList(protocol.resolve("Pair_list_P.txt"), profile);
        writeSplit(protocol.resolve("Split").resolve("FF"), ff, frontal, frontal);
        writeSplit(protocol.resolve("Split").resolve("FP"), fp, frontal, profile);
    }

    private static Path findList(Path protocol, String letter, String word) throws IOException {
        Path exact = protocol.resolve("Pair_list_" + letter.toUpperCase(Locale.ROOT) + ".txt");
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(protocol)) {
            candidates = files.filter(Files::isRegularFile).filter(file -> {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.contains("list") && (name.endsWith(letter + ".txt") || name.endsWith(word + ".txt"));
            }).sorted().toList();
        }
        if (candidates.size() != 1) {
            throw new UsageException(protocol + ": expected one " + word + " image list (Pair_list_"
                    + letter.toUpperCase(Locale.ROOT) + ".txt or a renamed *list*" + letter.toUpperCase(Locale.ROOT)
                    + ".txt), found " + (candidates.isEmpty() ? "none" : candidates));
        }
        return candidates.get(0);
    }

    private static Path child(Path parent, String name) throws IOException {
        Path exact = parent.resolve(name);
        if (Files.isDirectory(exact)) {
            return exact;
        }
        if (Files.isDirectory(parent)) {
            try (Stream<Path> children = Files.list(parent)) {
                List<Path> matches = children.filter(Files::isDirectory)
                        .filter(path -> path.getFileName().toString().equalsIgnoreCase(name)).toList();
                if (matches.size() == 1) {
                    return matches.get(0);
                }
            }
        }
        throw new UsageException(parent + ": no " + name + "/ directory");
    }

    private static List<String> readList(Path file) throws IOException {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        try (AsciiLines lines = new AsciiLines(file, false)) {
            while (lines.next()) {
                String where = file + ":" + lines.lineNumber();
                if (lines.fields() != 2) {
                    throw new UsageException(where + ": expected 'index path', got '" + lines.lineText() + "'");
                }
                int index;
                try {
                    index = lines.integer(0);
                } catch (NumberFormatException e) {
                    throw new UsageException(where + ": index " + e.getMessage());
                }
                if (byIndex.put(index, key(lines.text(1))) != null) {
                    throw new UsageException(where + ": index " + index + " appears twice");
                }
            }
        }
        List<String> list = new ArrayList<>(byIndex.values());
        if (byIndex.isEmpty() || byIndex.firstKey() != 1 || byIndex.lastKey() != byIndex.size()) {
            throw new UsageException(file + ": indices must run 1.." + byIndex.size() + " without gaps");
        }
        return list;
    }

    /** A list path as a key relative to the root: {@code ../Data/x.jpg} and {@code Data/x.jpg} both give the latter. */
    static String key(String path) {
        String key = path.replace('\\', '/');
        while (key.startsWith("../") || key.startsWith("./")) {
            key = key.substring(key.indexOf('/') + 1);
        }
        return key;
    }

    private static List<FacePair> readSplit(Path directory, List<String> first, List<String> second)
            throws IOException {
        TreeMap<Integer, Path> folds = new TreeMap<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path fold : children.filter(Files::isDirectory).toList()) {
                try {
                    folds.put(Integer.parseInt(fold.getFileName().toString()), fold);
                } catch (NumberFormatException e) {
                    throw new UsageException(fold + ": fold directories are numbered 01, 02, ...");
                }
            }
        }
        if (folds.isEmpty() || folds.firstKey() != 1 || folds.lastKey() != folds.size()) {
            throw new UsageException(directory + ": fold directories must be numbered 1.." + folds.size()
                    + " without gaps, found " + folds.keySet());
        }
        List<FacePair> pairs = new ArrayList<>();
        for (Map.Entry<Integer, Path> fold : folds.entrySet()) {
            readPairs(fold.getValue().resolve("same.txt"), true, fold.getKey() - 1, first, second, pairs);
            readPairs(fold.getValue().resolve("diff.txt"), false, fold.getKey() - 1, first, second, pairs);
        }
        return List.copyOf(pairs);
    }

    private static void readPairs(Path file, boolean same, int fold, List<String> first, List<String> second,
                                  List<FacePair> pairs) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": missing");
        }
        try (AsciiLines lines = new AsciiLines(file, true)) {
            while (lines.next()) {
                String where = file + ":" + lines.lineNumber();
                if (lines.fields() != 2) {
                    throw new UsageException(where + ": expected 'i,j', got '" + lines.lineText() + "'");
                }
                try {
                    pairs.add(new FacePair(entry(first, lines.integer(0)), entry(second, lines.integer(1)), same,
                            fold));
                } catch (NumberFormatException e) {
                    throw new UsageException(where + ": " + e.getMessage() + " in '" + lines.lineText() + "'");
                }
            }
        }
    }

    private static String entry(List<String> list, int index) {
        if (index < 1 || index > list.size()) {
            throw new NumberFormatException("index " + index + " is outside the list's 1.." + list.size());
        }
        return list.get(index - 1);
    }

    private static void writeList(Path file, List<String> keys) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < keys.size(); i++) {
                writer.write((i + 1) + " ../" + keys.get(i) + "\n");
            }
        }
    }

    private static void writeSplit(Path directory, List<FacePair> pairs, List<String> first, List<String> second)
            throws IOException {
        Map<String, Integer> firstIndex = indices(first);
        Map<String, Integer> secondIndex = indices(second);
        int folds = pairs.stream().mapToInt(FacePair::fold).max().orElse(-1) + 1;
        for (int fold = 0; fold < folds; fold++) {
            Path foldDirectory = Files.createDirectories(directory.resolve(String.format("%02d", fold + 1)));
            for (boolean same : new boolean[] {true, false}) {
                try (BufferedWriter writer = Files.newBufferedWriter(foldDirectory.resolve(same ? "same.txt"
                        : "diff.txt"), StandardCharsets.UTF_8)) {
                    for (FacePair pair : pairs) {
                        if (pair.fold() == fold && pair.same() == same) {
                            writer.write(index(firstIndex, pair.left()) + "," + index(secondIndex, pair.right())
                                    + "\n");
                        }
                    }
                }
            }
        }
    }

    private static Map<String, Integer> indices(List<String> keys) {
        Map<String, Integer> indices = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            indices.put(keys.get(i), i + 1);
        }
        return indices;
    }

    private static int index(Map<String, Integer> indices, String key) {
        Integer index = indices.get(key);
        if (index == null) {
            throw new IllegalArgumentException("pair image " + key + " is not in its list");
        }
        return index;
    }
}
