package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10-fold verification on the real LFW pairs of folds 1 and 2 ({@code lfw_a_subset}), end to end through the
 * launchers as a user runs them: {@code bin/ingest --format lfw} packs the pairs' images, {@code bin/ingest --format
 * folders} packs ORL's 40 people (nobody in LFW), {@code bin/train} trains a tiny network on them for a few steps,
 * and {@code bin/evaluate --model} embeds the LFW shards and scores the 1,200 pairs. The pairs file given to ingest
 * deals each official fold (300 same, then 300 different) into five folds of 60 same then 60 different, so the
 * evaluation's 10 contiguous folds each hold both kinds, as LFW's own folds do. Any accuracy passes: the test pins
 * that the stages fit together on real images, not how good a 30-step network is.
 */
class LfwFoldsOneAndTwoTest {
    private static final int PAIRS = 1200;

    @TempDir
    Path work;

    @Test
    void foldsOneAndTwoAreScoredTenFoldWithANetworkTrainedByTheLaunchers() throws Exception {
        String shared = System.getProperty("mhlr.shared.data");
        Path lfw = shared == null ? null : Path.of(shared, "lfw_a_subset");
        Path orl = shared == null ? null : Path.of(shared, "orl_faces");
        Assumptions.assumeTrue(lfw != null && Files.isRegularFile(lfw.resolve("pairs.txt"))
                && Files.isDirectory(orl), "shared data absent (../shared/data): LFW end to end skipped");
        Path pairs = balancedPairs(lfw);
        Path trainInput = orlInput(orl);

        run("ingest", "--format", "lfw", "--input", lfw.toString(), "--output", work.resolve("lfw").toString(),
                "--set", "ingest.pairs-file=" + pairs);
        run("ingest", "--format", "folders", "--input", trainInput.toString(), "--output",
                work.resolve("orl").toString());
        run("train", "--config", DemoRun.checkout().resolve("conf/demo.conf").toString(),
                "--data", work.resolve("orl").toString(), "--output", work.resolve("run").toString(),
                "--set", "train.backbone=tiny", "--set", "train.image-size=48", "--set", "train.embedding-size=64",
                "--set", "train.epochs=3", "--set", "train.schedule.name=polynomial");
        run("evaluate", "--model", work.resolve("run/model.mhlr").toString(), "--data", work.resolve("lfw").toString(),
                "--output", work.resolve("report").toString());

        JsonNode report = new ObjectMapper().readTree(work.resolve("report/report.json").toFile());
        assertEquals("tenfold", report.get("protocol").asText());
        assertEquals(PAIRS, report.get("pairs").asLong());
        double accuracy = report.get("accuracy").get("mean").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertTrue(Files.size(work.resolve("report/roc.png")) > 0, "ROC curve");
    }

    /** The balanced pairs file of folds 1 and 2, beside the test's work (the images stay where they are). */
    private Path balancedPairs(Path lfw) throws IOException {
        List<String> lines = Files.readAllLines(lfw.resolve("pairs.txt")).subList(1, 1 + PAIRS);
        List<String> balanced = new ArrayList<>();
        balanced.add("10\t60");
        for (int fold = 0; fold < 2; fold++) {
            List<String> official = lines.subList(600 * fold, 600 * (fold + 1));
            for (int part = 0; part < 5; part++) {
                balanced.addAll(official.subList(60 * part, 60 * (part + 1)));
                balanced.addAll(official.subList(300 + 60 * part, 300 + 60 * (part + 1)));
            }
        }
        return Files.write(work.resolve("pairs-folds-1-2.txt"), balanced);
    }

    /**
     * ORL's people as identity folders (its README stays out), copied: the ingest reads only regular files under its
     * input root, and a link out of it is refused as outside_root.
     */
    private Path orlInput(Path orl) throws IOException {
        Path input = Files.createDirectories(work.resolve("orl-input"));
        try (Stream<Path> people = Files.list(orl)) {
            for (Path person : people.filter(Files::isDirectory).toList()) {
                Path copy = Files.createDirectories(input.resolve(person.getFileName().toString()));
                try (Stream<Path> images = Files.list(person)) {
                    for (Path image : images.filter(Files::isRegularFile).toList()) {
                        Files.copy(image, copy.resolve(image.getFileName().toString()));
                    }
                }
            }
        }
        return input;
    }

    private void run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DemoRun.checkout().resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = work.resolve(script + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DemoRun.checkout().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MHLR_OFFLINE", "1");
        Process process = builder.start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/" + script + " did not finish in 15 minutes:\n" + Files.readString(log));
        }
        assertEquals(0, process.exitValue(), "bin/" + script + " " + String.join(" ", args) + ":\n"
                + Files.readString(log));
    }
}
