package mhlr.core.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.UsageException;

/**
 * LFW's {@code pairs.txt}. The header is {@code folds n} ({@code 10 300} for View 2: 10 folds, each n
 * same-person lines then n different-person lines) or a single {@code n} (View 1's {@code pairsDevTrain.txt}:
 * one fold). A same-person line is {@code name i j}, a different-person line {@code name1 i name2 j}; image k of a
 * person is {@code name/name_<k as 4 digits>.jpg}. Fields are separated by tabs (the published file) or spaces.
 * Pairs keep file order; the fold of pair p is {@code p / (2n)}.
 */
public final class LfwPairs {
    private LfwPairs() {
    }

    /** The key of image {@code number} (1-based) of {@code name}: {@code name/name_0001.jpg}. */
    public static String imageKey(String name, int number) {
        return String.format("%s/%s_%04d.jpg", name, name, number);
    }

    /**
     * Reads a pairs file.
     *
     * @throws UsageException naming file and line for a malformed header or pair line, or a pair count that
     *     does not match the header
     */
    public static List<FacePair> read(Path file) throws IOException {
        List<FacePair> pairs = new ArrayList<>();
        int folds;
        int perHalf;
        try (AsciiLines lines = new AsciiLines(file, false)) {
            if (!lines.next()) {
                throw new UsageException(file + ": the pairs file is empty");
            }
            try {
                if (lines.fields() == 2) {
                    folds = lines.integer(0);
                    perHalf = lines.integer(1);
                } else if (lines.fields() == 1) {
                    folds = 1;
                    perHalf = lines.integer(0);
                } else {
                    throw new NumberFormatException("wrong number of fields");
                }
                if (folds <= 0 || perHalf <= 0) {
                    throw new NumberFormatException("not positive");
                }
            } catch (NumberFormatException e) {
                throw new UsageException(file + ":" + lines.lineNumber() + ": expected the header 'folds"
                        + " pairs_per_half' (e.g. '10 300') or 'pairs_per_half', got '" + lines.lineText() + "'");
            }
            int perFold = 2 * perHalf;
            while (lines.next()) {
                int fold = pairs.size() / perFold;
                pairs.add(pair(lines, file, fold));
            }
        }
        long expected = (long) folds * 2 * perHalf;
        if (pairs.size() != expected) {
            throw new UsageException(String.format("%s: the header promises %d fold(s) of 2 x %d pairs (%d), the file"
                    + " has %d pair lines", file, folds, perHalf, expected, pairs.size()));
        }
        return pairs;
    }

    private static FacePair pair(AsciiLines lines, Path file, int fold) {
        try {
            if (lines.fields() == 3) {
                String name = lines.text(0);
                return new FacePair(imageKey(name, positive(lines, 1)), imageKey(name, positive(lines, 2)), true, fold);
            }
            if (lines.fields() == 4) {
                return new FacePair(imageKey(lines.text(0), positive(lines, 1)),
                        imageKey(lines.text(2), positive(lines, 3)), false, fold);
            }
            throw new NumberFormatException("expected 'name i j' or 'name1 i name2 j', got " + lines.fields()
                    + " fields");
        } catch (NumberFormatException e) {
            throw new UsageException(file + ":" + lines.lineNumber() + ": " + e.getMessage() + " in '"
                    + lines.lineText() + "'");
        }
    }

    private static int positive(AsciiLines lines, int field) {
        int value = lines.integer(field);
        if (value <= 0) {
            throw new NumberFormatException("image number '" + lines.text(field) + "' is not positive");
        }
        return value;
    }

    /**
     * Writes a pairs file in the published layout (tab-separated, header {@code folds n}).
     *
     * @param pairs every pair in order: for each fold, {@code n} same-person pairs, then {@code n}
     *     different-person pairs; keys as {@link #imageKey} makes them
     * @throws IllegalArgumentException when the pairs do not have that structure
     */
    public static void write(Path file, List<FacePair> pairs) throws IOException {
        int folds = pairs.isEmpty() ? 0 : pairs.get(pairs.size() - 1).fold() + 1;
        if (folds == 0 || pairs.size() % (2 * folds) != 0) {
            throw new IllegalArgumentException(pairs.size() + " pairs do not split into " + folds + " equal folds");
        }
        int perHalf = pairs.size() / folds / 2;
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(folds + "\t" + perHalf + "\n");
            for (int p = 0; p < pairs.size(); p++) {
                FacePair pair = pairs.get(p);
                boolean firstHalf = p % (2 * perHalf) < perHalf;
                if (pair.fold() != p / (2 * perHalf) || pair.same() != firstHalf) {
                    throw new IllegalArgumentException("pair " + p + " should be a " + (firstHalf ? "same" : "different")
                            + "-person pair of fold " + p / (2 * perHalf));
                }
                String[] left = split(pair.left());
                String[] right = split(pair.right());
                writer.write(pair.same() ? left[0] + "\t" + left[1] + "\t" + right[1] + "\n"
                        : left[0] + "\t" + left[1] + "\t" + right[0] + "\t" + right[1] + "\n");
            }
        }
    }

    /** {@code name/name_0007.jpg} to {@code [name, "7"]}. */
    private static String[] split(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? "" : key.substring(0, slash);
        String prefix = name + "/" + name + "_";
        if (slash < 0 || !key.startsWith(prefix) || !key.endsWith(".jpg")) {
            throw new IllegalArgumentException("'" + key + "' is not an LFW image key name/name_NNNN.jpg");
        }
        return new String[] {name, Integer.toString(Integer.parseInt(key.substring(prefix.length(),
                key.length() - 4)))};
    }
}
