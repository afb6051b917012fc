package mhlr.train.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The end-of-run charts from {@code metrics.jsonl}: {@value #LOSS_FILE} (the loss averaged over each logging
 * interval) and {@value #RATE_FILE} (the learning rate; log scale once it spans a factor of 20), both over the step, with every learning-rate
 * decay marked by a dashed vertical line. Drawn headless with JFreeChart, written atomically.
 */
public final class TrainingCurves {
    public static final String LOSS_FILE = "loss.png";
    public static final String RATE_FILE = "learning-rate.png";
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 600;

    private TrainingCurves() {
    }

    /** Draws both charts of the log into {@code directory}. */
    public static void draw(Path metrics, Path directory, String title) {
        XYSeries loss = new XYSeries("loss (mean over each logging interval)");
        XYSeries rate = new XYSeries("learning rate");
        List<double[]> decays = new ArrayList<>();
        for (MetricsLine line : MetricsLog.read(metrics)) {
            if (line instanceof DecayLine decay) {
                decays.add(new double[] {decay.step(), decay.learningRateAfter()});
            } else if (line instanceof StepLine step) {
                if (Double.isFinite(step.lossAverage())) {
                    loss.add(step.step(), step.lossAverage());
                }
                if (step.learningRate() > 0) {
                    rate.add(step.step(), step.learningRate());
                }
            }
        }
        ChartFiles.writePng(directory.resolve(LOSS_FILE), chart(title + ": loss", loss, new NumberAxis("loss"),
                new XYLineAndShapeRenderer(true, false), decays), WIDTH, HEIGHT);
        ChartFiles.writePng(directory.resolve(RATE_FILE), chart(title + ": learning rate", rate, rateAxis(rate),
                new XYLineAndShapeRenderer(true, false), decays), WIDTH, HEIGHT);
    }

    /** A log axis when the rate spans more than a factor of 20 (several decays), a linear one otherwise. */
    private static ValueAxis rateAxis(XYSeries rate) {
        if (rate.getItemCount() > 0 && rate.getMinY() > 0 && rate.getMaxY() / rate.getMinY() > 20) {
            LogAxis axis = new LogAxis("learning rate (log scale)");
            axis.setSmallestValue(rate.getMinY() / 2);
            axis.setNumberFormatOverride(new DecimalFormat("0.##E0"));
            return axis;
        }
        return new NumberAxis("learning rate");
    }

    private static JFreeChart chart(String title, XYSeries series, ValueAxis range,
                                    XYLineAndShapeRenderer renderer, List<double[]> decays) {
        NumberAxis steps = new NumberAxis("step");
        steps.setAutoRangeIncludesZero(false);
        if (range instanceof NumberAxis numbers) {
            numbers.setAutoRangeIncludesZero(false);
        }
        renderer.setSeriesPaint(0, new Color(0, 80, 160));
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), steps, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < decays.size(); i++) {
            ValueMarker marker = new ValueMarker(decays.get(i)[0], new Color(200, 40, 40),
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            marker.setLabel(String.format(Locale.ROOT, "decay %d -> %.3g", i + 1, decays.get(i)[1]));
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
