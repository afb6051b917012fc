package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code bin/ingest}: exit codes and one-line causes, before any image is read. */
class IngestJobTest {
    @TempDir
    Path temporary;

    @Test
    void helpListsEveryFormatAndExitsZero() {
        IngestRun run = IngestRun.of("--help");
        assertEquals(0, run.exitCode());
    }

    @Test
    void unknownFormatExitsTwoNamingTheKnownOnes() {
        IngestRun run = IngestRun.of("--format", "tiff", "--input", "x", "--output", temporary.resolve("o").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("unknown format 'tiff'; use one of folders, recordio"), run.stderr());
    }

    @Test
    void missingInputExitsTwoAndCreatesNoOutput() {
        Path output = temporary.resolve("out");
        IngestRun run = IngestRun.of("--input", temporary.resolve("nothing-here").toString(), "--output",
                output.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("does not exist"), run.stderr());
        assertTrue(Files.notExists(output));
    }

    @Test
    void existingOutputIsRefusedWithoutOverwrite() throws IOException {
        Path output = Files.createDirectories(temporary.resolve("taken"));
        Path input = Files.createDirectories(temporary.resolve("input"));
        IngestRun run = IngestRun.of("--input", input.toString(), "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("exists; give --overwrite"), run.stderr());
    }

    @Test
    void anOutputInsideTheInputOrADirectoryNotWrittenByIngestIsRefusedEvenWithOverwrite() throws IOException {
        Path input = Files.createDirectories(temporary.resolve("raw"));
        Files.writeString(input.resolve("photo.jpg"), "kept");
        IngestRun inside = IngestRun.of("--input", input.toString(), "--output", temporary.toString(), "--overwrite");
        assertEquals(2, inside.exitCode());
        assertTrue(inside.stderr().contains("would overlap input"), inside.stderr());
        Path foreign = Files.createDirectories(temporary.resolve("thesis"));
        IngestRun notOurs = IngestRun.of("--input", input.toString(), "--output", foreign.toString(), "--overwrite");
        assertEquals(2, notOurs.exitCode());
        assertTrue(notOurs.stderr().contains("not an output of this command"), notOurs.stderr());
        assertTrue(Files.exists(input.resolve("photo.jpg")) && Files.isDirectory(foreign));
    }

    @Test
    void mistypedSettingExitsTwoNamingTheKey() {
        IngestRun run = IngestRun.of("--input", "x", "--output", "y", "--set", "ingest.shard-rowz=3");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("ingest.shard-rowz"), run.stderr());
    }
}
