package mhlr.evaluate.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The cumulative match characteristic of 1:N as a PNG: identification rate over rank. */
public final class CmcPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;

    private CmcPlot() {
    }

    /** Draws {@code cmc[r - 1]} over rank r. */
    public static byte[] png(String title, double[] cmc) {
        XYSeries series = new XYSeries("CMC", false, true);
        for (int r = 0; r < cmc.length; r++) {
            series.add(r + 1, cmc[r]);
        }
        NumberAxis rankAxis = new NumberAxis("Rank");
        rankAxis.setRange(1.0, Math.max(2.0, cmc.length));
        rankAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis rateAxis = new NumberAxis("Identification rate");
        rateAxis.setRange(0.0, 1.0);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, cmc.length <= 20);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), rankAxis, rateAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the CMC curve", e);
        }
        return out.toByteArray();
    }
}
