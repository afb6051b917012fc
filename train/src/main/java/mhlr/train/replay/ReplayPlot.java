package mhlr.train.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
import mhlr.train.report.ChartFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The replay's chart: three panels over the steps, sharing the x axis. The loss (mean per bucket of steps), the
 * signal the schedule decides on with its threshold as a line (its y range zoomed to the threshold's neighbourhood,
 * since the early fall dwarfs it), and the learning rate. About {@value #POINTS} points per curve whatever the run's
 * length. Drawn headless.
 */
final class ReplayPlot {
    private static final int POINTS = 2000;
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;

    private ReplayPlot() {
    }

    static void write(Path png, ReplayTrace trace, OptionalDouble threshold, String title) {
        int bucket = Math.max(1, (trace.steps() + POINTS - 1) / POINTS);
        XYSeries loss = new XYSeries("loss (mean of " + bucket + " steps)");
        XYSeries signal = new XYSeries("signal");
        XYSeries rate = new XYSeries("learning rate");
        for (int start = 0; start < trace.steps(); start += bucket) {
            int end = Math.min(trace.steps(), start + bucket);
            double sum = 0;
            for (int step = start; step < end; step++) {
                sum += trace.loss(step);
            }
            loss.add(start, sum / (end - start));
            double value = trace.signal(end - 1);
            if (!Double.isNaN(value)) {
                signal.add(end - 1, value);
            }
            rate.add(start, trace.rate(start));
        }
        rate.add(trace.steps() - 1, trace.rate(trace.steps() - 1));

        NumberAxis steps = new NumberAxis("step");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(steps);
        plot.setGap(8);
        plot.add(panel(loss, "loss", Color.DARK_GRAY, false), 2);
        XYPlot signalPanel = panel(signal, "signal", new Color(0, 90, 180), false);
        if (threshold.isPresent()) {
            ValueMarker marker = new ValueMarker(threshold.getAsDouble(), Color.RED, new BasicStroke(1.5f));
            marker.setLabel("threshold " + threshold.getAsDouble());
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            signalPanel.addRangeMarker(marker);
            zoom((NumberAxis) signalPanel.getRangeAxis(), signal, threshold.getAsDouble());
        }
        plot.add(signalPanel, 2);
        plot.add(panel(rate, "learning rate", new Color(0, 130, 60), true), 1);

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartFiles.writePng(png, chart, WIDTH, HEIGHT);
    }

    private static XYPlot panel(XYSeries series, String label, Color color, boolean steps) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(steps);
        XYLineAndShapeRenderer renderer = steps ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, color);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** From the 2nd to the 98th percentile of the signal, widened to show the threshold with room around it. */
    private static void zoom(NumberAxis axis, XYSeries signal, double threshold) {
        if (signal.getItemCount() == 0) {
            return;
        }
        double[] values = new double[signal.getItemCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = signal.getY(i).doubleValue();
        }
        Arrays.sort(values);
        double low = Math.min(values[(int) (0.02 * (values.length - 1))], -Math.abs(threshold));
        double high = Math.max(values[(int) (0.98 * (values.length - 1))], 3 * Math.abs(threshold));
        if (high > low) {
            axis.setRange(low, high);
        }
    }
}
