package mhlr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract of {@code bin/train} up to the point where training would start (no network is built). */
class OutputDirectoryTest {
    @TempDir
    Path directory;

    private record Outcome(int code, String err, String out) {
    }

    private Outcome train(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path config = directory.resolve("empty.conf");
        Files.writeString(config, "");
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        int code = Launcher.run("bin/train", all.toArray(String[]::new), TrainMain::run,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExistingOutputIsRefusedWithoutResumeOrOverwrite() throws Exception {
        Files.createDirectories(directory.resolve("run"));
        Outcome outcome = train("--data", directory.resolve("none").toString(), "--output",
                directory.resolve("run").toString());
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("exists; give --resume"), outcome.err());
        Outcome both = train("--data", "x", "--output", directory.resolve("run").toString(), "--resume",
                "--overwrite");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("exclude each other"), both.err());
        Outcome notTraining = train("--data", "x", "--output", directory.resolve("run").toString(), "--resume");
        assertEquals(2, notTraining.code());
        assertTrue(notTraining.err().contains("not a training output"), notTraining.err());
    }

    @Test
    void aMissingShardSetIsRefusedBeforeAnyOutputExists() throws Exception {
        Path output = directory.resolve("run");
        Outcome outcome = train("--data", directory.resolve("none").toString(), "--output", output.toString());
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("none"), outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertFalse(Files.exists(output));
    }

    @Test
    void aRecordIoFolderWithoutItsIndexExitsTwoNamingTheIndexBeforeAnyOutputExists() throws Exception {
        Path records = directory.resolve("records");
        Files.createDirectories(records);
        Files.write(records.resolve("train.rec"), new byte[64]);
        Path output = directory.resolve("run");
        Outcome outcome = train("--data", records.toString(), "--output", output.toString());
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains(records.resolve("train.idx") + " is missing"), outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertFalse(Files.exists(output));
    }

    @Test
    void anUnknownKeyIsRefusedByName() throws Exception {
        Outcome outcome = train("--data", "x", "--output", directory.resolve("run").toString(), "--set",
                "train.batchsize=3");
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("train.batchsize"), outcome.err());
    }

    @Test
    void helpListsTheFlags() throws Exception {
        Outcome outcome = train("--help");
        assertEquals(0, outcome.code());
        for (String flag : List.of("--config", "--data", "--output", "--resume", "--overwrite", "--set")) {
            assertTrue(outcome.out().contains(flag), outcome.out());
        }
    }

    @Test
    void aNewRunIsWrittenInPlaceAndAnOverwriteIsStagedBesideTheOldRun() throws Exception {
        Path output = directory.resolve("run");
        try (OutputDirectory first = OutputDirectory.prepare(output, false, false, List.of())) {
            assertFalse(first.resuming());
            assertEquals(output.toAbsolutePath(), first.root());
            assertTrue(Files.isDirectory(output.resolve(OutputDirectory.CHECKPOINTS)));
            Files.writeString(first.resolve(OutputDirectory.CONFIG), "old");
            first.commit();
        }
        try (OutputDirectory again = OutputDirectory.prepare(output, false, true, List.of())) {
            assertFalse(again.resuming());
            assertFalse(again.root().equals(again.target()), "an overwrite trains beside the old run");
            assertEquals("old", Files.readString(output.resolve(OutputDirectory.CONFIG)));
        }
        assertEquals("old", Files.readString(output.resolve(OutputDirectory.CONFIG)), "not committed: old run kept");
    }

    @Test
    void overwriteRefusesADirectoryThatIsNotATrainingOutputOrHoldsTheData() throws Exception {
        Path output = Files.createDirectories(directory.resolve("photos"));
        Files.writeString(output.resolve("holiday.jpg"), "not a run");
        Outcome notOurs = train("--data", "x", "--output", output.toString(), "--overwrite");
        assertEquals(2, notOurs.code());
        assertTrue(notOurs.err().contains("not a training output"), notOurs.err());
        Files.writeString(output.resolve(OutputDirectory.CONFIG), "");
        UsageException overlap = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> OutputDirectory.prepare(output, false, true, List.of(output.resolve("shards"))));
        assertTrue(overlap.getMessage().contains("overlap input"), overlap.getMessage());
        assertTrue(Files.exists(output.resolve("holiday.jpg")));
    }
}
