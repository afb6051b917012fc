package mhlr.train.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import mhlr.core.cli.Launcher;
import mhlr.train.schedule.LossCurves;
import mhlr.train.schedule.Mhlr;
import mhlr.train.schedule.MhlrSettings;
import mhlr.train.schedule.ReleasedMhlr;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MhlrReplayTest {
    /** Flat losses with patience floor(0.1 * 40) = 4: bad from step 1, so the rate halves at steps 5, 10, 15, ... */
    private static final String FLAT_DECAYS = "step,lr\n5,0.01\n10,0.005\n15,0.0025\n";

    @TempDir
    Path directory;

    private record Run(int code, String out, String err) {
    }

    private static Run replay(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Launcher.run(MhlrReplay.COMMAND, args, new MhlrReplay(outStream, errStream)::run, outStream,
                errStream);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private static String lines(int count, java.util.function.IntFunction<String> line) {
        return IntStream.range(0, count).mapToObj(line).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void printsEachRateChangeOfALossFileWithOneLossPerLine() throws IOException {
        Path losses = write("losses.txt", lines(18, t -> "10.0"));
        Run run = replay("--losses", losses.toString(), "--total-steps", "40", "--set", "mhlr.tau=0.1");
        assertEquals(0, run.code(), run.err());
        assertEquals(FLAT_DECAYS, run.out());
        assertEquals("mhlr-replay: decay 1 at step 5: lr 0.02 -> 0.01 (signal 0.0)", run.err().lines().findFirst()
                .orElse(""), "each decay is described on stderr");
    }

    @Test
    void readsTheLossColumnOfACsv() throws IOException {
        Path losses = write("loss.csv", "step,\"loss\",lr\n" + lines(18, t -> (t + 1) + ",10.0,0.02"));
        Run run = replay("--losses", losses.toString(), "--total-steps", "40", "--set", "mhlr.tau=0.1");
        assertEquals(0, run.code(), run.err());
        assertEquals(FLAT_DECAYS, run.out());
    }

    @Test
    void readsTheTrainersMetricsAndSkipsLinesWithoutALoss() throws IOException {
        Path metrics = write("metrics.jsonl", lines(18, t -> "{\"step\":" + (t + 1) + ",\"loss\":10.0,\"lr\":0.02}"
                + (t % 5 == 0 ? "\n{\"step\":" + (t + 1) + ",\"event\":\"verification\",\"lfw\":0.61}\n" : "")));
        Run run = replay("--losses", metrics.toString(), "--total-steps", "40", "--set", "mhlr.tau=0.1");
        assertEquals(0, run.code(), run.err());
        assertEquals(FLAT_DECAYS, run.out());
    }

    @Test
    void aLossLoggedEveryFewStepsStandsForEachStepItCovers() throws IOException {
        // Steps 6, 12, 18 done: 3 logged losses for 18 steps, the same decays as 18 flat losses one per step.
        Path csv = write("log.csv", "step,loss,lr\n6,10.0,0.02\n12,10.0,0.02\n18,10.0,0.02\n");
        Run run = replay("--losses", csv.toString(), "--total-steps", "40", "--set", "mhlr.tau=0.1");
        assertEquals(0, run.code(), run.err());
        assertEquals(FLAT_DECAYS, run.out());
        assertTrue(run.err().contains("3 logged losses stand for 18 steps"), run.err());

        Path metrics = write("metrics.jsonl", "{\"step\":9,\"loss\":1.0,\"loss_average\":10.0}\n"
                + "{\"step\":9,\"event\":\"decay\"}\n{\"step\":18,\"loss\":1.0,\"loss_average\":10.0}\n");
        Run jsonl = replay("--losses", metrics.toString(), "--total-steps", "40", "--set", "mhlr.tau=0.1");
        assertEquals(FLAT_DECAYS, jsonl.out(), "metrics.jsonl by its step field, with each line's mean loss");

        Path backwards = write("backwards.csv", "step,loss\n10,5.0\n10,4.0\n");
        Run refused = replay("--losses", backwards.toString(), "--total-steps", "40");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains(backwards + " line 3: step 10 does not follow step 10"), refused.err());
    }

    @Test
    void theAuthorsMs1mv3LogReplaysThroughTheWindowedVariantToItsTwelveLoggedChanges() throws IOException {
        Path log = Path.of(System.getProperty("mhlr.shared.data", "../shared/data"), "fastface_logs",
                "ms1mv3_r100.csv");
        Assumptions.assumeTrue(Files.isRegularFile(log), "shared data absent (" + log + "): log replay skipped");
        List<String[]> logged = new ArrayList<>();
        String previous = null;
        List<String> lines = Files.readAllLines(log);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            if (previous != null && !fields[2].equals(previous)) {
                logged.add(new String[] {fields[0], fields[2]});
            }
            previous = fields[2];
        }
        assertEquals(12, logged.size(), "the log's rate changes");

        Run run = replay("--losses", log.toString(), "--total-steps", "202320", "--set", "mhlr.variant=windowed",
                "--set", "mhlr.window=4000", "--set", "mhlr.window-threshold=0.06", "--set",
                "train.learning-rate=0.02");
        assertEquals(0, run.code(), run.err());
        List<String> changes = run.out().lines().skip(1).toList();
        assertEquals(12, changes.size(), run.out());
        for (int i = 0; i < 12; i++) {
            String[] change = changes.get(i).split(",");
            long step = Long.parseLong(change[0]);
            long loggedStep = Long.parseLong(logged.get(i)[0]);
            assertTrue(Math.abs(step - loggedStep) <= 20, "change " + (i + 1) + " at " + step + ", logged at "
                    + loggedStep);
            assertEquals(logged.get(i)[1], String.format(Locale.ROOT, "%.6f", Double.parseDouble(change[1])),
                    "rate after change " + (i + 1));
        }
    }

    @Test
    void replaysAnyConfiguredSchedule() throws IOException {
        Path losses = write("losses.txt", lines(4, t -> "3.5"));
        Run run = replay("--losses", losses.toString(), "--total-steps", "4", "--set", "train.schedule.name=polynomial",
                "--set", "train.learning-rate=0.4");
        assertEquals(0, run.code(), run.err());
        assertEquals("step,lr\n0,0.30000000000000004\n1,0.2\n2,0.1\n3,0.0\n", run.out());
    }

    @Test
    void aBadLineExitsTwoNamingTheFileAndTheLine() throws IOException {
        Path losses = write("bad.txt", "10.0\n9.5\nnine\n9.0\n");
        Run run = replay("--losses", losses.toString(), "--total-steps", "40");
        assertEquals(2, run.code());
        assertTrue(run.err().contains(losses + " line 3") && run.err().contains("'nine'"), run.err());

        Path metrics = write("bad.jsonl", "{\"loss\": 1.0}\n{\"loss\": \"high\"}\n");
        Run json = replay("--losses", metrics.toString(), "--total-steps", "40");
        assertEquals(2, json.code());
        assertTrue(json.err().contains(metrics + " line 2"), json.err());

        Path csv = write("bad.csv", "step,value\n0,1.0\n");
        Run header = replay("--losses", csv.toString(), "--total-steps", "40");
        assertEquals(2, header.code());
        assertTrue(header.err().contains("no 'loss' column"), header.err());

        Run missing = replay("--losses", directory.resolve("absent.txt").toString(), "--total-steps", "40");
        assertEquals(2, missing.code());
        assertEquals(2, replay("--losses", losses.toString()).code(), "--total-steps is required");
    }

    @Test
    void drawsLossSignalAndRateIntoAPng() throws IOException {
        Path losses = write("losses.txt", lines(5000, t -> Double.toString(10 + 20 * Math.exp(-t / 500.0))));
        Path png = directory.resolve("plots/replay.png");
        Run run = replay("--losses", losses.toString(), "--total-steps", "5000", "--plot", png.toString(),
                "--set", "mhlr.parametrisation=relative");
        assertEquals(0, run.code(), run.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertEquals(900, image.getHeight());
    }

    @Test
    void aTrainingLikeRunDecaysWhereTheReleasedSchedulerDecays() throws IOException {
        int steps = (int) MhlrSettings.PAPER_TOTAL_STEPS;
        MhlrSettings paper = MhlrSettings.paper();
        double[] losses = LossCurves.trainingLike(11, steps, new Mhlr(paper, steps, 0.02));
        Path file = write("run.csv", "loss\n" + lines(steps, t -> Double.toString(losses[t])));

        Run run = replay("--losses", file.toString(), "--total-steps", Integer.toString(steps));
        assertEquals(0, run.code(), run.err());

        ReleasedMhlr released = new ReleasedMhlr(paper, steps, 0.02);
        for (double loss : losses) {
            released.step(loss);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < released.decaySteps().size() && i < paper.maxDecays(); i++) {
            expected.add(released.decaySteps().get(i) + "," + released.ratesAfter().get(i));
        }
        assertTrue(expected.size() >= 4, "a run shaped like a real one decays several times: " + expected);
        assertTrue(released.decaySteps().get(0) > steps / 4, "not before the loss has flattened: " + expected);
        assertEquals(expected, run.out().lines().skip(1).toList());
    }
}
