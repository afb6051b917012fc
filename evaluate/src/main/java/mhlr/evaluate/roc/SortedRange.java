package mhlr.evaluate.roc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One score range of the curve, built on the reduce side of the distributed ROC: every score of the range,
 * gathered from all scoring tasks, sorted, and walked once into its distinct-score groups. What survives the walk
 * is small: the range's counts, the counts of its first and last groups, and the points inside the range that
 * survive {@code drop_intermediate} by the range's own groups (cumulative counts relative to the range's top).
 * The two points whose fate depends on the neighbouring ranges, the range's first group (when it is the curve's
 * first point) and its last group, are decided later with the driver's {@link RangePlan}.
 */
final class SortedRange implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final Summary summary;
    private final long[] keptFalsePositives;
    private final long[] keptTruePositives;

    private SortedRange(int index, Summary summary, long[] keptFalsePositives, long[] keptTruePositives) {
        this.index = index;
        this.summary = summary;
        this.keptFalsePositives = keptFalsePositives;
        this.keptTruePositives = keptTruePositives;
    }

    /** Concatenates the chunks a reducer received, sorts them and walks their groups. */
    static SortedRange gather(int index, Iterator<Chunk> chunks) {
        List<Chunk> all = new ArrayList<>();
        long impostors = 0;
        long genuine = 0;
        while (chunks.hasNext()) {
            Chunk chunk = chunks.next();
            all.add(chunk);
            impostors += chunk.impostorKeys().length;
            genuine += chunk.genuineKeys().length;
        }
        long[] impostorKeys = new long[Math.toIntExact(impostors)];
        long[] genuineKeys = new long[Math.toIntExact(genuine)];
        int i = 0;
        int g = 0;
        for (Chunk chunk : all) {
            System.arraycopy(chunk.impostorKeys(), 0, impostorKeys, i, chunk.impostorKeys().length);
            i += chunk.impostorKeys().length;
            System.arraycopy(chunk.genuineKeys(), 0, genuineKeys, g, chunk.genuineKeys().length);
            g += chunk.genuineKeys().length;
        }
        all.clear();
        LongRadixSort.sort(impostorKeys);
        LongRadixSort.sort(genuineKeys);
        return walk(index, impostorKeys, genuineKeys);
    }

    private static SortedRange walk(int index, long[] impostorKeys, long[] genuineKeys) {
        LongList falsePositives = new LongList();
        LongList truePositives = new LongList();
        KeptPoints kept = new KeptPoints(0, 0, false, (point, key) -> {
            falsePositives.add(point.falsePositives());
            truePositives.add(point.truePositives());
        });
        ScoreGroups groups = new ScoreGroups(impostorKeys, genuineKeys);
        long firstNegatives = 0;
        long firstPositives = 0;
        long lastNegatives = 0;
        long lastPositives = 0;
        boolean first = true;
        while (groups.next()) {
            if (first) {
                firstNegatives = groups.negatives();
                firstPositives = groups.positives();
                first = false;
            }
            lastNegatives = groups.negatives();
            lastPositives = groups.positives();
            kept.accept(lastNegatives, lastPositives, groups.key());
        }
        kept.finish(false);
        Summary summary = new Summary(index, impostorKeys.length, genuineKeys.length, firstNegatives,
                firstPositives, lastNegatives, lastPositives);
        return new SortedRange(index, summary, falsePositives.toArray(), truePositives.toArray());
    }

    int index() {
        return index;
    }

    Summary summary() {
        return summary;
    }

    /**
     * For each target FAR the best surviving point of this range under {@link TarAtFar}'s rule (null where the
     * range has no point), once the plan has placed the range on the curve.
     */
    RocPoint[] best(RangePlan plan, double[] fars) {
        long fpsAbove = plan.falsePositivesAbove(index);
        long tpsAbove = plan.truePositivesAbove(index);
        List<RocPoint> points = new ArrayList<>(keptFalsePositives.length + 2);
        if (!summary.empty()) {
            RocPoint firstGroup = new RocPoint(summary.firstNegatives(), summary.firstPositives());
            boolean firstListed = keptFalsePositives.length > 0 && keptFalsePositives[0] == firstGroup.falsePositives()
                    && keptTruePositives[0] == firstGroup.truePositives();
            boolean onlyGroup = firstGroup.falsePositives() == summary.negatives()
                    && firstGroup.truePositives() == summary.positives();
            if (plan.startsCurve(index) && !firstListed && !onlyGroup) {
                points.add(new RocPoint(fpsAbove + firstGroup.falsePositives(), tpsAbove + firstGroup.truePositives()));
            }
            for (int k = 0; k < keptFalsePositives.length; k++) {
                points.add(new RocPoint(fpsAbove + keptFalsePositives[k], tpsAbove + keptTruePositives[k]));
            }
            if (plan.lastSurvives(index) || (onlyGroup && plan.startsCurve(index))) {
                points.add(new RocPoint(fpsAbove + summary.negatives(), tpsAbove + summary.positives()));
            }
        }
        RocPoint[] best = new RocPoint[fars.length];
        for (int f = 0; f < fars.length; f++) {
            best[f] = bestFor(points, plan.impostors(), fars[f]);
        }
        return best;
    }
    /** The best of points (in curve order) for one target, looking only where it can be. */
    static RocPoint bestFor(List<RocPoint> points, long impostors, double far) {
        if (points.isEmpty()) {
            return null;
        }
        int low = 0;
        int high = points.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (points.get(middle).falsePositiveRate(impostors) <= far) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        RocPoint best = low > 0 ? points.get(low - 1) : null;
        if (low < points.size()) {
            long above = points.get(low).falsePositives();
            int last = low;
            while (last + 1 < points.size() && points.get(last + 1).falsePositives() == above) {
                last++;
            }
            RocPoint candidate = points.get(last);
            if (TarAtFar.better(candidate, best, impostors, far)) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The score keys one scoring task found in one score range, impostor and genuine apart: the unit the
     * distributed ROC shuffles, so a range's reducer receives a few large arrays instead of millions of records.
     */
    record Chunk(long[] impostorKeys, long[] genuineKeys) implements Serializable {
    }

    /**
     * What the driver needs from one score range to place it on the whole curve: its counts, and the counts of
     * its first (highest) and last (lowest) distinct score, which decide whether the last point of the range
     * before it, and its own last point, survive {@code drop_intermediate}.
     *
     * @param index the range's position, 0 = highest scores
     * @param negatives impostor pairs in the range
     * @param positives genuine pairs in the range
     * @param firstNegatives impostor pairs at the range's highest score
     * @param firstPositives genuine pairs at the range's highest score
     * @param lastNegatives impostor pairs at the range's lowest score
     * @param lastPositives genuine pairs at the range's lowest score
     */
    record Summary(int index, long negatives, long positives, long firstNegatives, long firstPositives,
            long lastNegatives, long lastPositives) implements Serializable {

        boolean empty() {
            return negatives + positives == 0;
        }
    }

    /** A growable array of longs (the surviving points of a range, without a boxed object per point). */
    private static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
