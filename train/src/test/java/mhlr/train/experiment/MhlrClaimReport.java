package mhlr.train.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import mhlr.core.cli.AtomicOutput;
import mhlr.train.report.ChartFiles;
import mhlr.train.schedule.Decay;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The experiment's report: the Markdown table of the runs, the reading of the paper's claim, and two charts over
 * the step, {@value #LOSS_CHART} (each run's loss as a trailing mean) and {@value #RATE_CHART} (each run's learning
 * rate, log scale), with the decays of the runs that have any marked by dashed vertical lines.
 */
final class MhlrClaimReport {
    static final String TABLE = "experiment-table.md";
    static final String LOSS_CHART = "experiment-loss.png";
    static final String RATE_CHART = "experiment-learning-rate.png";
    /** The claim's tolerance: MHLR within this many accuracy points of the baseline. */
    static final double CLAIM_POINTS = 1.0;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 480;
    private static final Color[] COLOURS = {new Color(0, 80, 160), new Color(230, 120, 0), new Color(0, 150, 60)};

    private MhlrClaimReport() {
    }

    /** The Markdown table, one row per run. */
    static String table(List<MhlrClaimRun> runs) {
        StringBuilder text = new StringBuilder();
        text.append("| run | schedule | epochs | steps | train wall time | images/s | final loss (mean of last 5 % of"
                + " steps) | decays | accuracy, LFW folds 1-2 (mean +- std of 10 folds) |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MhlrClaimRun run : runs) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %.1f | %.3f | %d | %.2f %% +- %.2f |%n",
                    run.name(), run.schedule(), run.epochs(), run.steps(), minutes(run.trainSeconds()),
                    run.imagesPerSecond(), run.finalLoss(), run.decays().size(), 100 * run.accuracy(),
                    100 * run.accuracyStd()));
        }
        return text.toString();
    }

    /**
     * The claim read off the three runs: MHLR at a quarter of the steps within {@value #CLAIM_POINTS} point of the
     * baseline, and above the polynomial control of the same length.
     */
    static String claim(MhlrClaimRun baseline, MhlrClaimRun control, MhlrClaimRun mhlr) {
        double behindBaseline = 100 * (baseline.accuracy() - mhlr.accuracy());
        double overControl = 100 * (mhlr.accuracy() - control.accuracy());
        boolean close = behindBaseline <= CLAIM_POINTS;
        boolean better = overControl > 0;
        return String.format(Locale.ROOT, "- MHLR vs baseline: %+.2f points (claim: within %.0f point): %s%n"
                        + "- MHLR vs polynomial control at the same steps: %+.2f points (claim: better): %s%n"
                        + "- steps: MHLR %d = %.3f of the baseline's %d%n",
                -behindBaseline, CLAIM_POINTS, close ? "holds" : "does not hold", overControl,
                better ? "holds" : "does not hold", mhlr.steps(), (double) mhlr.steps() / baseline.steps(),
                baseline.steps());
    }

    /** Writes the table (with the claim) and both charts into {@code directory}. */
    static void write(Path directory, List<MhlrClaimRun> runs, String claim, int smoothing) {
        AtomicOutput.writeFile(directory.resolve(TABLE), (table(runs) + "\n" + claim)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection rates = new XYSeriesCollection();
        for (MhlrClaimRun run : runs) {
            double[] smoothed = trailingMean(run.losses(), smoothing);
            XYSeries loss = new XYSeries(run.name());
            XYSeries rate = new XYSeries(run.name());
            for (int step = 0; step < smoothed.length; step++) {
                loss.add(step + 1, smoothed[step]);
                if (run.rates()[step] > 0) {
                    rate.add(step + 1, run.rates()[step]);
                }
            }
            losses.addSeries(loss);
            rates.addSeries(rate);
        }
        NumberAxis lossAxis = new NumberAxis("loss (trailing mean of " + smoothing + " steps)");
        lossAxis.setAutoRangeIncludesZero(false);
        LogAxis rateAxis = new LogAxis("learning rate (log scale)");
        rateAxis.setSmallestValue(1e-8);
        ChartFiles.writePng(directory.resolve(LOSS_CHART), chart("Training loss", losses, lossAxis, runs), WIDTH,
                HEIGHT);
        ChartFiles.writePng(directory.resolve(RATE_CHART), chart("Learning rate", rates, rateAxis, runs), WIDTH,
                HEIGHT);
    }

    /** Mean of each value and the {@code window - 1} before it (fewer at the start). */
    static double[] trailingMean(double[] values, int window) {
        double[] means = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            means[i] = sum / Math.min(i + 1, window);
        }
        return means;
    }

    private static JFreeChart chart(String title, XYSeriesCollection data, ValueAxis range, List<MhlrClaimRun> runs) {
        NumberAxis steps = new NumberAxis("step");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, steps, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int r = 0; r < runs.size(); r++) {
            for (Decay decay : runs.get(r).decays()) {
                Color colour = COLOURS[r % COLOURS.length];
                ValueMarker marker = new ValueMarker(decay.step() + 1, colour, new BasicStroke(1f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
                marker.setLabel(String.format(Locale.ROOT, "%d: %.2g", decay.step() + 1, decay.rateAfter()));
                marker.setLabelPaint(colour);
                marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(marker);
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String minutes(double seconds) {
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
}
