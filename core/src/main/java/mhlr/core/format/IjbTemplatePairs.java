package mhlr.core.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import mhlr.core.cli.UsageException;

/**
 * IJB's {@code *_template_pair_label.txt}: lines {@code template_id_1 template_id_2 label}, label 1 for a genuine
 * pair and 0 for an impostor. IJB-C has 15.66 million lines, so they are parsed without a String per line into
 * primitive arrays (about 9 bytes per pair).
 */
public final class IjbTemplatePairs {
    private final int[] left;
    private final int[] right;
    private final boolean[] genuine;

    public IjbTemplatePairs(int[] left, int[] right, boolean[] genuine) {
        if (left.length != right.length || left.length != genuine.length) {
            throw new IllegalArgumentException("left, right and genuine differ in length");
        }
        this.left = left;
        this.right = right;
        this.genuine = genuine;
    }

    /**
     * Reads a template pair file.
     *
     * @throws UsageException naming file and line for a malformed line or a label other than 0 or 1
     */
    public static IjbTemplatePairs read(Path file) throws IOException {
        int[] left = new int[1 << 16];
        int[] right = new int[1 << 16];
        boolean[] genuine = new boolean[1 << 16];
        int n = 0;
        try (AsciiLines lines = new AsciiLines(file, false)) {
            while (lines.next()) {
                if (lines.fields() != 3) {
                    throw new UsageException(file + ":" + lines.lineNumber() + ": expected 'template_id_1"
                            + " template_id_2 label', got '" + lines.lineText() + "'");
                }
                if (n == left.length) {
                    left = Arrays.copyOf(left, 2 * n);
                    right = Arrays.copyOf(right, 2 * n);
                    genuine = Arrays.copyOf(genuine, 2 * n);
                }
                int label;
                try {
                    left[n] = lines.integer(0);
                    right[n] = lines.integer(1);
                    label = lines.integer(2);
                } catch (NumberFormatException e) {
                    throw new UsageException(file + ":" + lines.lineNumber() + ": " + e.getMessage() + " in '"
                            + lines.lineText() + "'");
                }
                if (label != 0 && label != 1) {
                    throw new UsageException(file + ":" + lines.lineNumber() + ": label " + label
                            + " is neither 1 (genuine) nor 0 (impostor)");
                }
                genuine[n] = label == 1;
                n++;
            }
        }
        return new IjbTemplatePairs(Arrays.copyOf(left, n), Arrays.copyOf(right, n), Arrays.copyOf(genuine, n));
    }

    /** Writes the file (space-separated, as published). */
    public void write(Path file) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < left.length; i++) {
                writer.write(left[i] + " " + right[i] + " " + (genuine[i] ? 1 : 0) + "\n");
            }
        }
    }

    public int size() {
        return left.length;
    }

    public int left(int i) {
        return left[i];
    }

    public int right(int i) {
        return right[i];
    }

    public boolean genuine(int i) {
        return genuine[i];
    }

    /** Number of genuine pairs. */
    public long genuineCount() {
        long count = 0;
        for (boolean g : genuine) {
            count += g ? 1 : 0;
        }
        return count;
    }
}
