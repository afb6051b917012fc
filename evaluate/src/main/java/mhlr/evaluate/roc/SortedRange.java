package mhlr.evaluate.roc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * All scores of one score range, gathered from every scoring task and sorted: the reduce side of the
 * distributed ROC. It walks its distinct scores to summarise itself ({@link #summary()}) and, once the driver
 * has placed it on the curve, to find its best point for each target FAR ({@link #best}).
 */
final class SortedRange implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final long[] impostorKeys;
    private final long[] genuineKeys;

    private SortedRange(int index, long[] impostorKeys, long[] genuineKeys) {
        this.index = index;
        this.impostorKeys = impostorKeys;
        this.genuineKeys = genuineKeys;
    }

    /** Concatenates the chunks a reducer received and sorts them. */
    static SortedRange gather(int index, Iterator<RangeChunk> chunks) {
        List<RangeChunk> all = new ArrayList<>();
        long impostors = 0;
        long genuine = 0;
        while (chunks.hasNext()) {
            RangeChunk chunk = chunks.next();
            all.add(chunk);
            impostors += chunk.impostorKeys().length;
            genuine += chunk.genuineKeys().length;
        }
        long[] impostorKeys = new long[Math.toIntExact(impostors)];
        long[] genuineKeys = new long[Math.toIntExact(genuine)];
        int i = 0;
        int g = 0;
        for (RangeChunk chunk : all) {
            System.arraycopy(chunk.impostorKeys(), 0, impostorKeys, i, chunk.impostorKeys().length);
            i += chunk.impostorKeys().length;
            System.arraycopy(chunk.genuineKeys(), 0, genuineKeys, g, chunk.genuineKeys().length);
            g += chunk.genuineKeys().length;
        }
        all.clear();
        LongRadixSort.sort(impostorKeys);
        LongRadixSort.sort(genuineKeys);
        return new SortedRange(index, impostorKeys, genuineKeys);
    }

    int index() {
        return index;
    }

    RangeSummary summary() {
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
        }
        return new RangeSummary(index, impostorKeys.length, genuineKeys.length, firstNegatives, firstPositives,
                lastNegatives, lastPositives);
    }

    /**
     * This range's surviving points, and for each target FAR the best of them under {@link TarAtFar}'s rule
     * (null where the range has no point). Along the curve the FPR never decreases, so the best point is either
     * the last with FPR at most the target or the last of the points sharing the lowest FPR above it.
     */
    RocPoint[] best(RangePlan plan, double[] fars) {
        List<RocPoint> points = new ArrayList<>();
        KeptPoints kept = new KeptPoints(plan.falsePositivesAbove(index), plan.truePositivesAbove(index),
                plan.startsCurve(index), (point, key) -> points.add(point));
        ScoreGroups groups = new ScoreGroups(impostorKeys, genuineKeys);
        while (groups.next()) {
            kept.accept(groups.negatives(), groups.positives(), groups.key());
        }
        kept.finish(plan.lastSurvives(index));
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
}
