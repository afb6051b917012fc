package mhlr.evaluate.roc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A line-by-line transcription of scikit-learn's {@code roc_curve} (with {@code drop_intermediate=True}) and of
 * insightface's TPR read-out, written the way numpy computes them (argsort, diff, cumsum, where), to check the
 * streaming implementations against.
 */
final class ScikitLearnReference {
    final double[] fpr;
    final double[] tpr;

    private ScikitLearnReference(double[] fpr, double[] tpr) {
        this.fpr = fpr;
        this.tpr = tpr;
    }

    static ScikitLearnReference rocCurve(boolean[] yTrue, double[] yScore) {
        int n = yScore.length;
        // desc_score_indices = np.argsort(y_score, kind="mergesort")[::-1]
        Integer[] ascending = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(ascending, Comparator.comparingDouble(i -> yScore[i]));
        double[] score = new double[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = yScore[ascending[n - 1 - i]];
            truth[i] = yTrue[ascending[n - 1 - i]] ? 1 : 0;
        }
        // distinct_value_indices = np.where(np.diff(y_score))[0]; threshold_idxs = np.r_[..., y_true.size - 1]
        List<Integer> thresholdIdxs = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            if (score[i + 1] - score[i] != 0) {
                thresholdIdxs.add(i);
            }
        }
        thresholdIdxs.add(n - 1);
        // tps = stable_cumsum(y_true)[threshold_idxs]; fps = 1 + threshold_idxs - tps
        double[] cumsum = new double[n];
        double running = 0;
        for (int i = 0; i < n; i++) {
            running += truth[i];
            cumsum[i] = running;
        }
        int m = thresholdIdxs.size();
        double[] tps = new double[m];
        double[] fps = new double[m];
        for (int j = 0; j < m; j++) {
            tps[j] = cumsum[thresholdIdxs.get(j)];
            fps[j] = 1 + thresholdIdxs.get(j) - tps[j];
        }
        // optimal_idxs = np.where(np.r_[True, np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), True])[0]
        List<Integer> optimal = new ArrayList<>();
        if (m > 2) {
            optimal.add(0);
            for (int j = 1; j < m - 1; j++) {
                double secondFps = fps[j + 1] - 2 * fps[j] + fps[j - 1];
                double secondTps = tps[j + 1] - 2 * tps[j] + tps[j - 1];
                if (secondFps != 0 || secondTps != 0) {
                    optimal.add(j);
                }
            }
            optimal.add(m - 1);
        } else {
            IntStream.range(0, m).forEach(optimal::add);
        }
        // tps = np.r_[0, tps]; fps = np.r_[0, fps]; fpr = fps / fps[-1]; tpr = tps / tps[-1]
        double[] keptFps = new double[optimal.size() + 1];
        double[] keptTps = new double[optimal.size() + 1];
        for (int k = 0; k < optimal.size(); k++) {
            keptFps[k + 1] = fps[optimal.get(k)];
            keptTps[k + 1] = tps[optimal.get(k)];
        }
        double lastFps = keptFps[keptFps.length - 1];
        double lastTps = keptTps[keptTps.length - 1];
        double[] fpr = new double[keptFps.length];
        double[] tpr = new double[keptTps.length];
        for (int k = 0; k < fpr.length; k++) {
            fpr[k] = keptFps[k] / lastFps;
            tpr[k] = keptTps[k] / lastTps;
        }
        return new ScikitLearnReference(fpr, tpr);
    }

    /**
     * eval_ijbc.py: {@code fpr = np.flipud(fpr); tpr = np.flipud(tpr)};
     * {@code _, min_index = min(list(zip(abs(fpr - x), range(len(fpr)))))}; {@code tpr[min_index]}.
     */
    double tarAtFar(double far) {
        int n = fpr.length;
        double bestDistance = Double.POSITIVE_INFINITY;
        int bestIndex = -1;
        for (int flipped = 0; flipped < n; flipped++) {
            double distance = Math.abs(fpr[n - 1 - flipped] - far);
            if (distance < bestDistance) {
                bestDistance = distance;
                bestIndex = flipped;
            }
        }
        return tpr[n - 1 - bestIndex];
    }
}
