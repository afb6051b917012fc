package mhlr.train.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import mhlr.train.schedule.Decay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment's report. Part of the default test run.
 */
class MhlrClaimReportTest {

    @Test
    void trailingMeanAveragesTheWindowEndingAtEachStep() {
        assertArrayEquals(new double[] {1, 1.5, 2, 3, 4}, MhlrClaimReport.trailingMean(new double[] {1, 2, 3, 4, 5},
                3), 1e-12);
    }

    @Test
    void finalLossIsTheMeanOfTheLastFivePercentOfSteps() {
        double[] losses = new double[40];
        Arrays.fill(losses, 10);
        losses[38] = 3;
        losses[39] = 5;
        assertEquals(4.0, run("a", losses, 0.5, List.of()).finalLoss(), 1e-12);
        assertEquals(7.0, run("b", new double[] {9, 7}, 0.5, List.of()).finalLoss(), 1e-12, "at least one step");
    }

    @Test
    void tableHasOneRowPerRunWithStepsTimeLossDecaysAndAccuracy() {
        MhlrClaimRun mhlr = run("MHLR", new double[] {2, 1}, 0.87654,
                List.of(new Decay(0, 1, 0.1, 0.05, -0.5)));
        String table = MhlrClaimReport.table(List.of(mhlr));
        String row = table.lines().toList().get(2);
        assertEquals("| MHLR | s | 1 | 2 | 1 min 15 s | 0.9 | 1.000 | 1 | 87.65 % +- 1.23 |", row);
    }

    @Test
    void claimHoldsOnlyWhenMhlrIsWithinOnePointOfTheBaselineAndAboveTheControl() {
        MhlrClaimRun baseline = run("baseline", new double[] {1}, 0.900, List.of());
        String holds = MhlrClaimReport.claim(baseline, run("control", new double[] {1}, 0.880, List.of()),
                run("MHLR", new double[] {1}, 0.891, List.of()));
        assertTrue(holds.contains("-0.90 points (claim: within 1 point): holds"), holds);
        assertTrue(holds.contains("+1.10 points (claim: better): holds"), holds);

        String fails = MhlrClaimReport.claim(baseline, run("control", new double[] {1}, 0.890, List.of()),
                run("MHLR", new double[] {1}, 0.885, List.of()));
        assertTrue(fails.contains("-1.50 points (claim: within 1 point): does not hold"), fails);
        assertTrue(fails.contains("-0.50 points (claim: better): does not hold"), fails);
    }

    @Test
    void writeProducesTheTableAndTwoChartsThatDecode(@TempDir Path directory) throws IOException {
        List<MhlrClaimRun> runs = List.of(run("baseline", new double[] {3, 2, 1, 1}, 0.8, List.of()),
                run("MHLR", new double[] {3, 2}, 0.7, List.of(new Decay(0, 1, 0.1, 0.05, -1))));
        MhlrClaimReport.write(directory, runs, "claim text\n", 2);

        String table = Files.readString(directory.resolve(MhlrClaimReport.TABLE));
        assertTrue(table.startsWith("| run |") && table.endsWith("claim text\n"), table);
        for (String chart : List.of(MhlrClaimReport.LOSS_CHART, MhlrClaimReport.RATE_CHART)) {
            assertEquals(1000, ImageIO.read(directory.resolve(chart).toFile()).getWidth(), chart);
        }
    }

    private static MhlrClaimRun run(String name, double[] losses, double accuracy, List<Decay> decays) {
        double[] rates = new double[losses.length];
        Arrays.fill(rates, 0.1);
        return new MhlrClaimRun(name, "s", 1, losses.length, 32, 75, 1, losses, rates, decays, accuracy, 0.0123);
    }
}
