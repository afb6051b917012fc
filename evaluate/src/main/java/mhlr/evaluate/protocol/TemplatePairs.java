package mhlr.evaluate.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mhlr.core.cli.UsageException;

/**
 * The pair list of a template protocol, resolved against the pooled templates: template rows instead of ids.
 * Resolving refuses pairs that name a template without images, reporting their count and the first few.
 */
public final class TemplatePairs implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final int SHOWN_OFFENDERS = 5;

    private final int[] left;
    private final int[] right;
    private final boolean[] same;

    private TemplatePairs(int[] left, int[] right, boolean[] same) {
        this.left = left;
        this.right = right;
        this.same = same;
    }

    /**
     * Resolves template ids to rows.
     *
     * @throws UsageException when the list is empty or names absent templates
     */
    public static TemplatePairs resolve(int[] leftIds, int[] rightIds, boolean[] same, TemplateFeatures templates,
            String where) {
        int n = leftIds.length;
        if (n == 0) {
            throw new UsageException(where + " lists no pairs: the protocol is empty");
        }
        int[] left = new int[n];
        int[] right = new int[n];
        long absent = 0;
        List<String> shown = new ArrayList<>();
        TemplateLookup lookup = new TemplateLookup(templates);
        for (int i = 0; i < n; i++) {
            left[i] = lookup.row(leftIds[i]);
            right[i] = lookup.row(rightIds[i]);
            if (left[i] < 0 || right[i] < 0) {
                absent++;
                if (shown.size() < SHOWN_OFFENDERS) {
                    int missing = left[i] < 0 ? leftIds[i] : rightIds[i];
                    shown.add("pair " + i + " (" + leftIds[i] + ", " + rightIds[i] + "): template " + missing);
                }
            }
        }
        if (absent > 0) {
            throw new UsageException(where + ": " + absent + " pairs name templates that have no images, e.g. "
                    + String.join("; ", shown));
        }
        return new TemplatePairs(left, right, same.clone());
    }

    /** Template id to row: a dense table when the ids are small non-negative numbers (IJB's are), else a search. */
    private static final class TemplateLookup {
        private static final int MAX_TABLE = 1 << 26;
        private final TemplateFeatures templates;
        private final int[] table;

        TemplateLookup(TemplateFeatures templates) {
            this.templates = templates;
            int[] ids = templates.templateIds();
            boolean dense = ids.length > 0 && ids[0] >= 0 && ids[ids.length - 1] < MAX_TABLE;
            this.table = dense ? new int[ids[ids.length - 1] + 1] : null;
            if (dense) {
                Arrays.fill(table, -1);
                for (int row = 0; row < ids.length; row++) {
                    table[ids[row]] = row;
                }
            }
        }

        int row(int id) {
            if (table != null) {
                return id >= 0 && id < table.length ? table[id] : -1;
            }
            return templates.indexOf(id);
        }
    }

    /** Pairs already given as rows (generated protocols, tests). */
    public static TemplatePairs ofRows(int[] left, int[] right, boolean[] same) {
        return new TemplatePairs(left, right, same);
    }

    public int size() {
        return left.length;
    }

    public int[] left() {
        return left;
    }

    public int[] right() {
        return right;
    }

    public boolean[] same() {
        return same;
    }

    public long genuine() {
        long count = 0;
        for (boolean s : same) {
            count += s ? 1 : 0;
        }
        return count;
    }

    /** How many blocks {@link #block} cuts the pairs into when asked for {@code blocks}: at least one, at most n. */
    public int blockCount(int blocks) {
        return Math.max(1, Math.min(blocks, left.length));
    }

    /** Block {@code b} of the pairs cut into {@code count} contiguous blocks of nearly equal size. */
    public PairBlock block(int b, int count) {
        int n = left.length;
        int from = (int) ((long) n * b / count);
        int to = (int) ((long) n * (b + 1) / count);
        return new PairBlock(from, Arrays.copyOfRange(left, from, to), Arrays.copyOfRange(right, from, to),
                Arrays.copyOfRange(same, from, to));
    }

    /** Every k-th pair, about {@code count} of them: the sample that places the distributed ROC's ranges. */
    public PairBlock sample(int count) {
        int n = left.length;
        int step = Math.max(1, n / Math.max(1, count));
        int size = (n + step - 1) / step;
        int[] l = new int[size];
        int[] r = new int[size];
        boolean[] s = new boolean[size];
        for (int i = 0, p = 0; p < n; i++, p += step) {
            l[i] = left[p];
            r[i] = right[p];
            s[i] = same[p];
        }
        return new PairBlock(0, l, r, s);
    }
}
