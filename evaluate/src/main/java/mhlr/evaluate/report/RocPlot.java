package mhlr.evaluate.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The ROC curve as a PNG: TPR over FPR, the FPR axis logarithmic (points at FPR 0 cannot be drawn on it). */
public final class RocPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;

    private RocPlot() {
    }

    /**
     * Draws the curve through the given points.
     *
     * @param lowestFar the left end of the FAR axis
     */
    public static byte[] png(String title, double[] fars, double[] tars, double lowestFar) {
        XYSeries series = new XYSeries("ROC", false, true);
        for (int i = 0; i < fars.length; i++) {
            if (fars[i] > 0 && Double.isFinite(tars[i])) {
                series.add(fars[i], tars[i]);
            }
        }
        LogAxis farAxis = new LogAxis("False accept rate (FAR)");
        farAxis.setBase(10);
        farAxis.setSmallestValue(lowestFar);
        farAxis.setRange(lowestFar, 1.0);
        NumberAxis tarAxis = new NumberAxis("True accept rate (TAR)");
        tarAxis.setRange(0.0, 1.0);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), farAxis, tarAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the ROC curve", e);
        }
        return out.toByteArray();
    }
}
