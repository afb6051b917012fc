package mhlr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.cli.AtomicOutput;
import mhlr.train.model.InferenceModel;
import mhlr.train.report.DivergedLine;
import mhlr.train.report.MetricsLine;
import mhlr.train.report.MetricsLog;
import mhlr.train.report.StepLine;
import mhlr.train.report.VerificationLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on generated data, {@code bin/train} in child JVMs: a tiny iResNet at 28 px for 200 steps (20 epochs of
 * 10 batches of 16), CosFace s = 16, polynomial decay, verification on held-out identities every 50 steps.
 */
class TrainerTest {
    private static final int EPOCHS = 20;
    private static final int STEPS = EPOCHS * TrainingFixture.STEPS_PER_EPOCH;
    private static final int SHORT_EPOCHS = 2;

    @TempDir
    static Path directory;
    static Path data;
    static Path verification;
    static Path uninterrupted;

    static List<String> arguments(Path output, List<String> sets, String... flags) {
        return arguments(data, output, sets, flags);
    }

    static List<String> arguments(Path trainingData, Path output, List<String> sets, String... flags) {
        List<String> args = new ArrayList<>(List.of("--config", directory.resolve("run.conf").toString(),
                "--data", trainingData.toString(), "--output", output.toString()));
        args.addAll(List.of(flags));
        sets.forEach(set -> {
            args.add("--set");
            args.add(set);
        });
        return args;
    }

    static List<String> arguments(Path output, String... flags) {
        return arguments(output, TrainingFixture.overrides(EPOCHS, verification), flags);
    }

    static int train(List<String> args, String name) throws Exception {
        ChildTrainer child = ChildTrainer.start(args, directory.resolve(name + ".log"));
        int code = child.waitFor(15);
        System.out.println("---- bin/train " + name + " exit " + code + "\n" + child.output());
        return code;
    }

    @BeforeAll
    static void trainUninterrupted() throws Exception {
        data = directory.resolve("train");
        verification = directory.resolve("verification");
        TrainingFixture.writeTraining(data);
        TrainingFixture.writeVerification(verification);
        Files.writeString(directory.resolve("run.conf"), "train { dropout = 0.0 }\n");
        uninterrupted = directory.resolve("uninterrupted");
        assertEquals(0, train(arguments(uninterrupted), "uninterrupted"));
    }

    private static List<MetricsLine> lines(Path output) {
        return MetricsLog.read(output.resolve(OutputDirectory.METRICS));
    }

    /** The lines without the fields that measure time, which no two runs share. */
    private static List<MetricsLine> withoutTimings(Path output) {
        return lines(output).stream().map(line -> line instanceof StepLine step
                ? new StepLine(step.step(), step.epoch(), step.loss(), step.lossAverage(), step.learningRate(),
                        step.gradientNorm(), 0, 0, step.schedule())
                : line).toList();
    }

    @Test
    void lossFallsAndHeldOutIdentitiesAreToldApartWellAboveChance() {
        List<StepLine> steps = lines(uninterrupted).stream().filter(StepLine.class::isInstance)
                .map(StepLine.class::cast).toList();
        assertEquals(STEPS / 5, steps.size());
        double first = steps.get(0).lossAverage();
        double last = steps.get(steps.size() - 1).lossAverage();
        assertTrue(last < first / 4, "loss " + first + " -> " + last);
        List<VerificationLine> verifications = lines(uninterrupted).stream()
                .filter(VerificationLine.class::isInstance).map(VerificationLine.class::cast).toList();
        assertEquals(STEPS / 50, verifications.size());
        double accuracy = verifications.get(verifications.size() - 1).accuracyFlip();
        assertTrue(accuracy >= 0.8, "ten-fold accuracy on held-out identities " + accuracy + " (chance: 0.5)");
    }

    @Test
    void leavesTheModelTheCurvesAndTheSummary() throws IOException {
        for (String file : List.of(OutputDirectory.MODEL, OutputDirectory.SUMMARY, OutputDirectory.CONFIG,
                OutputDirectory.LOSSES, "loss.png", "learning-rate.png")) {
            assertTrue(Files.size(uninterrupted.resolve(file)) > 0, file);
        }
        byte[] png = Files.readAllBytes(uninterrupted.resolve("loss.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals(STEPS, Files.readAllLines(uninterrupted.resolve(OutputDirectory.LOSSES)).size());
        InferenceModel model = InferenceModel.load(uninterrupted.resolve(OutputDirectory.MODEL));
        assertEquals(64, model.embeddingSize());
        assertEquals(28, model.spec().inputSize());
        try (Stream<Path> checkpoints = Files.list(uninterrupted.resolve(OutputDirectory.CHECKPOINTS))) {
            assertEquals(EPOCHS, checkpoints.count(), "one per epoch end (every 50 steps falls on one)");
        }
    }

    @Test
    void aRunKilledAfterACheckpointAndResumedLogsExactlyWhatTheUninterruptedRunLogged() throws Exception {
        assertResumesExactly(data, uninterrupted, TrainingFixture.overrides(EPOCHS, verification), 150, 160);
    }

    @Test
    void aRunOnARecordIoFolderKilledAfterACheckpointAndResumedLogsExactlyWhatItsUninterruptedRunLogged()
            throws Exception {
        Path records = directory.resolve("records");
        TrainingFixture.writeTrainingRecordIo(records);
        List<String> sets = new ArrayList<>(TrainingFixture.overrides(4, null));
        sets.add("train.checkpoint.every-steps=10");
        Path whole = directory.resolve("records-uninterrupted");
        assertEquals(0, train(arguments(records, whole, sets), "records-uninterrupted"));
        assertResumesExactly(records, whole, sets, 10, 20);
    }

    /**
     * From a copy of {@code whole} cut back to its checkpoint at {@code from} (the uninterrupted run's lines after it
     * are still in the copy, as a killed run leaves them): resumed, killed with SIGKILL as soon as the checkpoint at
     * {@code killAt} appears, resumed again from there to the end; the logs and the model must be the uninterrupted
     * run's.
     */
    private static void assertResumesExactly(Path trainingData, Path whole, List<String> sets, int from, int killAt)
            throws Exception {
        Path resumed = directory.resolve(whole.getFileName() + "-resumed");
        copy(whole, resumed);
        for (String file : List.of(OutputDirectory.MODEL, OutputDirectory.SUMMARY, "loss.png", "learning-rate.png")) {
            Files.delete(resumed.resolve(file));
        }
        try (Stream<Path> checkpoints = Files.list(resumed.resolve(OutputDirectory.CHECKPOINTS))) {
            for (Path checkpoint : checkpoints.toList()) {
                if (checkpoint.getFileName().toString().compareTo(checkpointName(from)) > 0) {
                    AtomicOutput.deleteRecursively(checkpoint);
                }
            }
        }
        ChildTrainer child = ChildTrainer.start(arguments(trainingData, resumed, sets, "--resume"),
                directory.resolve(resumed.getFileName() + "-killed.log"));
        Path marker = resumed.resolve(OutputDirectory.CHECKPOINTS).resolve(checkpointName(killAt));
        assertTrue(child.killWhen(() -> Files.isDirectory(marker), 15),
                "no checkpoint at " + killAt + ":\n" + child.output());
        assertFalse(Files.exists(resumed.resolve(OutputDirectory.SUMMARY)), "killed before the end");

        assertEquals(0, train(arguments(trainingData, resumed, sets, "--resume"),
                resumed.getFileName() + "-after-kill"));
        assertEquals(withoutTimings(whole), withoutTimings(resumed));
        assertEquals(Files.readAllLines(whole.resolve(OutputDirectory.LOSSES)),
                Files.readAllLines(resumed.resolve(OutputDirectory.LOSSES)));
        assertArrayEquals(Files.readAllBytes(whole.resolve(OutputDirectory.MODEL)),
                Files.readAllBytes(resumed.resolve(OutputDirectory.MODEL)));
    }

    private static String checkpointName(int step) {
        return String.format("step-%012d", step);
    }

    @Test
    void aLossThatStopsBeingANumberStopsTrainingWithACause() throws Exception {
        Path diverged = directory.resolve("diverged");
        List<String> sets = new ArrayList<>(TrainingFixture.overrides(EPOCHS, null));
        sets.add("train.learning-rate=1e30");
        ChildTrainer child = ChildTrainer.start(arguments(diverged, sets), directory.resolve("diverged.log"));
        assertEquals(1, child.waitFor(10), child.output());
        assertTrue(child.output().contains("bin/train: failed: training diverged at step "), child.output());
        MetricsLine last = lines(diverged).get(lines(diverged).size() - 1);
        assertTrue(last instanceof DivergedLine, last.toString());
        assertFalse(Files.exists(diverged.resolve(OutputDirectory.MODEL)));
    }

    @Test
    void twoTrainingsStartedAtOnceOnOneOutputLeaveOneWholeRunAndTheOtherExits2() throws Exception {
        Path output = directory.resolve("contested");
        List<String> args = arguments(output, TrainingFixture.overrides(SHORT_EPOCHS, null));
        assertOneWinsTheOtherExits2(args, "contested");
        assertFinishedShortRun(output);
    }

    @Test
    void twoOverwritesStartedAtOnceLeaveEitherTheOldOrTheNewRunWhole() throws Exception {
        Path output = directory.resolve("overwritten");
        copy(uninterrupted, output);
        assertOneWinsTheOtherExits2(arguments(output, TrainingFixture.overrides(SHORT_EPOCHS, null), "--overwrite"),
                "overwritten");
        assertFinishedShortRun(output);
    }

    @Test
    void aTrainingKilledDuringOverwriteStillHasItsPreviousRun() throws Exception {
        Path previous = directory.resolve("previous");
        copy(uninterrupted, previous);
        List<String> args = arguments(previous, TrainingFixture.overrides(SHORT_EPOCHS, null), "--overwrite");
        ChildTrainer child = ChildTrainer.start(args, directory.resolve("overwrite-killed.log"));
        assertTrue(child.killWhen(() -> stagedCheckpointExists(previous), 10), "no staged checkpoint:\n"
                + child.output());
        assertArrayEquals(Files.readAllBytes(uninterrupted.resolve(OutputDirectory.MODEL)),
                Files.readAllBytes(previous.resolve(OutputDirectory.MODEL)));
        assertEquals(Files.readAllLines(uninterrupted.resolve(OutputDirectory.METRICS)),
                Files.readAllLines(previous.resolve(OutputDirectory.METRICS)));

        assertEquals(0, train(args, "overwrite-after-kill"));
        assertFinishedShortRun(previous);
        try (Stream<Path> siblings = Files.list(directory)) {
            assertTrue(siblings.noneMatch(path -> path.getFileName().toString().startsWith(".previous.")),
                    "no staging, moved-aside run or lock left beside the output");
        }
    }

    @Test
    void aResumeWhoseCheckpointsAllFailToLoadExits2NamingThemAndChangesNothing() throws Exception {
        Path damaged = directory.resolve("damaged");
        copy(uninterrupted, damaged);
        Files.delete(damaged.resolve(OutputDirectory.SUMMARY));
        try (Stream<Path> files = Files.walk(damaged.resolve(OutputDirectory.CHECKPOINTS))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, new byte[0]);
            }
        }
        byte[] metrics = Files.readAllBytes(damaged.resolve(OutputDirectory.METRICS));
        byte[] losses = Files.readAllBytes(damaged.resolve(OutputDirectory.LOSSES));
        ChildTrainer child = ChildTrainer.start(arguments(damaged, "--resume"), directory.resolve("damaged.log"));
        assertEquals(2, child.waitFor(10), child.output());
        assertTrue(child.output().contains("none of the " + EPOCHS + " checkpoints"), child.output());
        assertTrue(child.output().contains("step-000000000200 ("), child.output());
        assertArrayEquals(metrics, Files.readAllBytes(damaged.resolve(OutputDirectory.METRICS)));
        assertArrayEquals(losses, Files.readAllBytes(damaged.resolve(OutputDirectory.LOSSES)));
        try (Stream<Path> checkpoints = Files.list(damaged.resolve(OutputDirectory.CHECKPOINTS))) {
            assertEquals(EPOCHS, checkpoints.count(), "no checkpoint pruned");
        }
    }

    private static void assertOneWinsTheOtherExits2(List<String> args, String name) throws Exception {
        ChildTrainer first = ChildTrainer.start(args, directory.resolve(name + "-1.log"));
        ChildTrainer second = ChildTrainer.start(args, directory.resolve(name + "-2.log"));
        int[] codes = {first.waitFor(10), second.waitFor(10)};
        String outputs = first.output() + "\n----\n" + second.output();
        java.util.Arrays.sort(codes);
        assertArrayEquals(new int[] {0, 2}, codes, outputs);
        assertTrue(outputs.contains("another run") || outputs.contains("exists; give"), outputs);
    }

    private static void assertFinishedShortRun(Path output) throws IOException {
        JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(output.resolve(OutputDirectory.SUMMARY).toFile());
        assertEquals(SHORT_EPOCHS * TrainingFixture.STEPS_PER_EPOCH, summary.path("steps").asLong());
        assertEquals(SHORT_EPOCHS * TrainingFixture.STEPS_PER_EPOCH,
                Files.readAllLines(output.resolve(OutputDirectory.LOSSES)).size());
        assertEquals(64, InferenceModel.load(output.resolve(OutputDirectory.MODEL)).embeddingSize());
    }

    private static boolean stagedCheckpointExists(Path output) {
        try (Stream<Path> siblings = Files.list(output.getParent())) {
            return siblings.filter(path -> path.getFileName().toString().startsWith("." + output.getFileName()
                    + ".partial-")).anyMatch(staging -> Files.isDirectory(staging.resolve(OutputDirectory.CHECKPOINTS)
                            .resolve("step-000000000010")));
        } catch (IOException e) {
            return false;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
