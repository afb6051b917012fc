package mhlr.train.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import mhlr.core.cli.AtomicOutput;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes a drawn chart as a PNG file atomically (drawn in memory, then written whole), so a reader never finds
 * half a plot: what the training curves, the MHLR replay and the experiment reports share.
 */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** Draws {@code chart} at {@code width x height} pixels into {@code file}. */
    public static void writePng(Path file, JFreeChart chart, int width, int height) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file, e);
        }
        AtomicOutput.writeFile(file, bytes.toByteArray());
    }
}
