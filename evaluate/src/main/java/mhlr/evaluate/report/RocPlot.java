package mhlr.evaluate.report;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.XYSeries;

/** The ROC curve as a PNG: TPR over FPR, the FPR axis logarithmic (points at FPR 0 cannot be drawn on it). */
public final class RocPlot {

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
        return CurvePng.draw(title, series, farAxis, tarAxis, false, "ROC curve");
    }
}
