package mhlr.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void estimatesTheRestFromTheStepsThisProcessDid() {
        ProgressLine line = new ProgressLine(new PrintStream(new ByteArrayOutputStream()), 1000, 400, false);
        assertNull(line.eta(400, 1_000_000));
        assertEquals(Duration.ofSeconds(500), line.eta(500, Duration.ofSeconds(100).toNanos()));
    }

    @Test
    void showsBarStepEpochLossRateSpeedAndEta() {
        ProgressLine line = new ProgressLine(new PrintStream(new ByteArrayOutputStream()), 200, 0, false);
        String text = line.format(50, 2, 10, 1.23456, 0.02, 123.45, Duration.ofSeconds(93_784));
        assertEquals("[######..................]  25.0% step 50/200 epoch 3/10 loss 1.2346 lr 0.0200000 123.5 img/s"
                + " ETA 1d 02:03:04", text);
    }

    @Test
    void writesALinePerUpdateWhenNotOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true), 10, 0, false);
        line.update(5, 0, 1, 2.0, 0.1, 10);
        line.message("[lfw][5]XNorm: 1.0");
        String text = bytes.toString();
        assertEquals(2, text.lines().count());
        assertTrue(text.contains("step 5/10"), text);
    }
}
