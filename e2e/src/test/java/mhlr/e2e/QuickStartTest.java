package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The README's quick start: {@code bin/demo} runs the whole pipeline and prints its summary with the plots. */
class QuickStartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private static DemoRun demo;

    @BeforeAll
    static void runDemo() {
        demo = DemoRun.shared();
        System.out.printf("bin/demo %s: exit %d in %d s%n", String.join(" ", DemoRun.FLAGS), demo.exitCode(),
                demo.took().toSeconds());
    }

    @Test
    void demoExitsWithZero() {
        Assumptions.assumeTrue(demo.ranHere(), "an earlier demo output was given");
        assertEquals(0, demo.exitCode(), () -> "bin/demo failed; the end of its stderr:\n" + demo.stderrTail());
    }

    @Test
    void demoPrintsTheSummaryWithBothEvaluationsAndThePlots() {
        Assumptions.assumeTrue(demo.ranHere(), "an earlier demo output was given");
        String summary = demo.stdout();
        assertAll(List.of("# MHLR-Face demo", "## 10-fold verification", "## 1:1 template verification", "## Plots",
                        "Total time:").stream()
                .map(heading -> (Executable) () -> assertTrue(summary.contains(heading),
                        "the summary lacks '" + heading + "':\n" + summary)));
        List<Path> plots = summary.lines().filter(line -> line.startsWith("- ") && line.endsWith(".png"))
                .map(line -> Path.of(line.substring(2))).toList();
        assertTrue(plots.contains(demo.output().resolve("eval/lfw/roc.png")), "plots listed: " + plots);
        assertTrue(plots.contains(demo.output().resolve("eval/ijb/roc.png")), "plots listed: " + plots);
        assertTrue(plots.stream().anyMatch(plot -> plot.startsWith(demo.output().resolve("runs/mhlr"))),
                "no training plot listed: " + plots);
        for (Path plot : plots) {
            assertPng(plot);
        }
    }

    @Test
    void trainingWritesTheModelAndItsSummary() throws IOException {
        Path run = demo.output().resolve("runs/mhlr");
        assertTrue(Files.size(run.resolve("model.mhlr")) > 0);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.path("steps").asLong() > 0, summary::toString);
        assertFalse(Files.readAllLines(run.resolve("metrics.jsonl")).isEmpty());
    }

    @Test
    void theDemoRecipeTrainsToTheEndUnderASecondSeed() throws Exception {
        // The demo trains with seed 3407; its recipe (conf/demo.conf, same flags) must finish under another seed too,
        // with a finite loss at every logged step.
        Assumptions.assumeTrue(demo.ranHere() && demo.exitCode() == 0, "the demo did not run here");
        Path home = DemoRun.checkout();
        Path run = home.resolve("e2e/target/demo-seed-7");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/train").toString(), "--config",
                home.resolve("conf/demo.conf").toString(), "--data", demo.output().resolve("shards/train").toString(),
                "--output", run.toString(), "--overwrite", "--set", "seed=7"));
        List<String> flags = DemoRun.FLAGS;
        for (int i = 0; i < flags.size(); i++) {
            if (flags.get(i).equals("--set") && !flags.get(i + 1).startsWith("train.verification")) {
                command.add("--set");
                command.add(flags.get(i + 1));
            }
        }
        Path log = home.resolve("e2e/target/demo-seed-7.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MHLR_OFFLINE", "1");
        Process process = builder.start();
        assertTrue(process.waitFor(20, java.util.concurrent.TimeUnit.MINUTES), "bin/train did not finish");
        assertEquals(0, process.exitValue(), () -> "bin/train with seed 7 failed: " + tail(log));
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode demoSummary = JSON.readTree(demo.output().resolve("runs/mhlr/summary.json").toFile());
        assertEquals(demoSummary.path("steps").asLong(), summary.path("steps").asLong(), summary::toString);
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode metrics = JSON.readTree(line);
            if (metrics.has("loss")) {
                assertTrue(metrics.path("loss").isNumber() && Double.isFinite(metrics.path("loss").asDouble()), line);
            }
        }
    }

    private static String tail(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @Test
    void tenFoldReportHoldsRatesBetweenZeroAndOne() throws IOException {
        JsonNode report = JSON.readTree(demo.output().resolve("eval/lfw/report.json").toFile());
        assertEquals("tenfold", report.path("protocol").asText());
        assertTrue(report.path("pairs").asLong() >= 10, report::toString);
        assertTrue(report.path("accuracy").path("mean").isNumber(), report::toString);
        assertRates(report, List.of(report.path("accuracy").path("mean"), report.path("accuracy").path("std"),
                report.path("auc"), report.path("eer"), report.path("val_at_far_1e-3")));
        assertTrue(Files.exists(demo.output().resolve("eval/lfw/report.md")));
    }

    @Test
    void ijbReportHoldsTheTarAtEverySixFarTargets() throws IOException {
        JsonNode report = JSON.readTree(demo.output().resolve("eval/ijb/report.json").toFile());
        assertEquals("ijb", report.path("protocol").asText());
        long pairs = report.path("pairs").asLong();
        long genuine = report.path("genuine").asLong();
        assertTrue(0 < genuine && genuine < pairs, report::toString);
        List<String> fars = new ArrayList<>();
        report.path("tar_at_far").fieldNames().forEachRemaining(fars::add);
        assertEquals(List.of("1e-06", "1e-05", "1e-04", "1e-03", "1e-02", "1e-01"), fars);
        List<JsonNode> tars = new ArrayList<>();
        report.path("tar_at_far").elements().forEachRemaining(tars::add);
        assertTrue(tars.get(tars.size() - 1).isNumber(), report::toString);
        assertRates(report, tars);
        assertTrue(Files.exists(demo.output().resolve("eval/ijb/report.md")));
    }

    /** Every rate is a number in [0, 1] or null (undefined, as report.json writes it). */
    private static void assertRates(JsonNode report, List<JsonNode> rates) {
        for (JsonNode rate : rates) {
            assertTrue(rate.isNull() || rate.isNumber() && rate.asDouble() >= 0 && rate.asDouble() <= 1,
                    () -> "rate " + rate + " out of [0, 1] in " + report);
        }
    }

    private static void assertPng(Path plot) {
        try {
            byte[] head = Arrays.copyOf(Files.readAllBytes(plot), PNG.length);
            assertArrayEquals(PNG, head, plot + " is not a PNG");
        } catch (IOException e) {
            throw new AssertionError(plot + " cannot be read: " + e, e);
        }
    }
}
