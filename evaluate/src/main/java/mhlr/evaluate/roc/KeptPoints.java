package mhlr.evaluate.roc;

/**
 * scikit-learn's {@code drop_intermediate=True} rule, streamed. Over the groups of distinct scores in
 * descending order (group j holding n_j impostor and p_j genuine pairs, so {@code fps[j] - fps[j-1] = n_j}),
 * {@code np.diff(fps, 2)[j-1] = n_{j+1} - n_j}: point j survives when it is the first or the last point, or
 * when its group's counts differ from the next group's, {@code (n_{j+1}, p_{j+1}) != (n_j, p_j)}.
 * (With two points or fewer nothing is dropped, which the first/last rule already gives.)
 *
 * <p>Each group's fate is known when the next group arrives; the last group's fate is given to
 * {@link #finish}: a whole curve's last group always survives, a range of a distributed curve learns from the
 * driver whether the next range starts with a group of different counts.
 */
public final class KeptPoints {
    /** Receives the surviving points in curve order. */
    @FunctionalInterface
    public interface Sink {
        void accept(RocPoint point, long thresholdKey);
    }

    private final Sink sink;
    private long falsePositives;
    private long truePositives;
    private boolean pending;
    private boolean pendingIsFirst;
    private long pendingNegatives;
    private long pendingPositives;
    private long pendingKey;
    private boolean nextIsFirst;

    /**
     * @param startFalsePositives impostor pairs scoring above every group this instance will see
     * @param startTruePositives genuine pairs scoring above every group this instance will see
     * @param startsCurve true when the first group seen is the first group of the whole curve
     */
    public KeptPoints(long startFalsePositives, long startTruePositives, boolean startsCurve, Sink sink) {
        this.falsePositives = startFalsePositives;
        this.truePositives = startTruePositives;
        this.nextIsFirst = startsCurve;
        this.sink = sink;
    }

    /** The next lower group. */
    public void accept(long negatives, long positives, long key) {
        if (pending) {
            boolean kept = pendingIsFirst || negatives != pendingNegatives || positives != pendingPositives;
            if (kept) {
                sink.accept(new RocPoint(falsePositives, truePositives), pendingKey);
            }
        }
        falsePositives += negatives;
        truePositives += positives;
        pending = true;
        pendingIsFirst = nextIsFirst;
        nextIsFirst = false;
        pendingNegatives = negatives;
        pendingPositives = positives;
        pendingKey = key;
    }

    /** Ends the walk; {@code lastSurvives} decides the last group unless it is the curve's first. */
    public void finish(boolean lastSurvives) {
        if (pending && (pendingIsFirst || lastSurvives)) {
            sink.accept(new RocPoint(falsePositives, truePositives), pendingKey);
        }
        pending = false;
    }
}
