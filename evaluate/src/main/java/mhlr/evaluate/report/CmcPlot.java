package mhlr.evaluate.report;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeries;

/** The cumulative match characteristic of 1:N as a PNG: identification rate over rank. */
public final class CmcPlot {

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
        return CurvePng.draw(title, series, rankAxis, rateAxis, cmc.length <= 20, "CMC curve");
    }
}
