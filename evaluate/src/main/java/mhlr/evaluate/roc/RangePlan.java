package mhlr.evaluate.roc;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/**
 * Where each score range sits on the whole curve, decided on the driver from the {@link SortedRange.Summary}s:
 * the counts above it (exact cumulative counts at its upper edge), whether its first group is the curve's
 * first point, and whether its last group survives (the curve's last point always does; otherwise it survives
 * when the next non-empty range starts with a group of different counts).
 */
final class RangePlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] falsePositivesAbove;
    private final long[] truePositivesAbove;
    private final boolean[] startsCurve;
    private final boolean[] lastSurvives;
    private final long impostors;
    private final long genuine;

    private RangePlan(int ranges, long impostors, long genuine) {
        this.falsePositivesAbove = new long[ranges];
        this.truePositivesAbove = new long[ranges];
        this.startsCurve = new boolean[ranges];
        this.lastSurvives = new boolean[ranges];
        this.impostors = impostors;
        this.genuine = genuine;
    }

    static RangePlan of(List<SortedRange.Summary> summaries) {
        List<SortedRange.Summary> ordered = summaries.stream().sorted(Comparator.comparingInt(SortedRange.Summary::index)).toList();
        long impostors = ordered.stream().mapToLong(SortedRange.Summary::negatives).sum();
        long genuine = ordered.stream().mapToLong(SortedRange.Summary::positives).sum();
        RangePlan plan = new RangePlan(ordered.size(), impostors, genuine);
        long falsePositives = 0;
        long truePositives = 0;
        SortedRange.Summary previous = null;
        for (SortedRange.Summary range : ordered) {
            int r = range.index();
            plan.falsePositivesAbove[r] = falsePositives;
            plan.truePositivesAbove[r] = truePositives;
            falsePositives += range.negatives();
            truePositives += range.positives();
            if (range.empty()) {
                continue;
            }
            plan.startsCurve[r] = previous == null;
            if (previous != null) {
                plan.lastSurvives[previous.index()] = previous.lastNegatives() != range.firstNegatives()
                        || previous.lastPositives() != range.firstPositives();
            }
            previous = range;
        }
        if (previous != null) {
            plan.lastSurvives[previous.index()] = true;
        }
        return plan;
    }

    long falsePositivesAbove(int range) {
        return falsePositivesAbove[range];
    }

    long truePositivesAbove(int range) {
        return truePositivesAbove[range];
    }

    boolean startsCurve(int range) {
        return startsCurve[range];
    }

    boolean lastSurvives(int range) {
        return lastSurvives[range];
    }

    long impostors() {
        return impostors;
    }

    long genuine() {
        return genuine;
    }
}
