package mhlr.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit protocol on local paths: what it refuses, what it keeps, and what a killed run leaves. */
class OutputCommitTest {
    private static final String MARKER = "manifest.json";

    @TempDir
    Path directory;

    private Path target() {
        return directory.resolve("out");
    }

    private static OutputRules<Path> rules(boolean overwrite) {
        return OutputRules.<Path>builder().overwrite(overwrite).ownMarker(MARKER).build();
    }

    private OutputCommit<Path> begin(OutputRules<Path> rules) {
        return OutputCommit.begin(LocalOutputStore.INSTANCE, target(), rules);
    }

    private Path ownOutput(String content) throws IOException {
        Files.createDirectories(target());
        Files.writeString(target().resolve(MARKER), content);
        return target();
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedWhileTheFirstRuns() throws IOException {
        try (OutputCommit<Path> first = begin(rules(false))) {
            UsageException refused = assertThrows(UsageException.class, () -> begin(rules(false)));
            assertTrue(refused.getMessage().contains("another run"), refused.getMessage());
            Files.writeString(first.staging().resolve(MARKER), "first");
            first.commit();
        }
        assertEquals("first", Files.readString(target().resolve(MARKER)));
    }

    @Test
    void anOutputThatAppearedDuringTheRunIsNotReplacedWithoutOverwrite() throws IOException {
        try (OutputCommit<Path> late = begin(rules(false))) {
            Files.writeString(late.staging().resolve(MARKER), "late");
            ownOutput("appeared meanwhile");
            UsageException refused = assertThrows(UsageException.class, late::commit);
            assertTrue(refused.getMessage().contains("appeared while this run worked"), refused.getMessage());
        }
        assertEquals("appeared meanwhile", Files.readString(target().resolve(MARKER)));
        assertEquals(1, entries(), "the refused run's staging is removed");
    }

    @Test
    void overwriteReplacesOnlyThisCommandsOwnOutput() throws IOException {
        Files.createDirectories(target());
        Files.writeString(target().resolve("thesis.tex"), "not ours");
        UsageException refused = assertThrows(UsageException.class, () -> begin(rules(true)));
        assertTrue(refused.getMessage().contains("not an output of this command"), refused.getMessage());
        assertEquals("not ours", Files.readString(target().resolve("thesis.tex")));
    }

    @Test
    void anOutputThatIsContainsOrLiesInsideAnInputIsRefused() throws IOException {
        Path input = Files.createDirectories(directory.resolve("out/raw"));
        for (Path in : List.of(input, target(), directory)) {
            OutputRules<Path> rules = OutputRules.<Path>builder().overwrite(true).ownMarker(MARKER).input(in).build();
            UsageException refused = assertThrows(UsageException.class, () -> begin(rules));
            assertTrue(refused.getMessage().contains("overlap input"), refused.getMessage());
        }
        Path link = Files.createSymbolicLink(directory.resolve("alias"), target());
        OutputRules<Path> throughLink = OutputRules.<Path>builder().input(link.resolve("raw")).build();
        assertThrows(UsageException.class, () -> begin(throughLink));
        assertTrue(Files.isDirectory(input), "nothing was deleted");
    }

    @Test
    void aFailedSwapPutsTheOldOutputBack() throws IOException {
        ownOutput("old");
        OutputStore<Path> failingSecondRename = new RenameFailing(LocalOutputStore.INSTANCE, ".partial-");
        try (OutputCommit<Path> commit = OutputCommit.begin(failingSecondRename, target(), rules(true))) {
            Files.writeString(commit.staging().resolve(MARKER), "new");
            assertThrows(IOException.class, () -> {
                try {
                    commit.commit();
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            });
        }
        assertEquals("old", Files.readString(target().resolve(MARKER)));
        assertEquals(1, entries(), "neither the staging nor a moved-aside copy is left");
    }

    @Test
    void whatKilledRunsLeftIsCleanedAndAnOldOutputMovedAsideIsPutBack() throws IOException {
        Path staging = Files.createDirectories(directory.resolve(".out.partial-1234"));
        Files.writeString(staging.resolve("half.parquet"), "half");
        Path movedAside = Files.createDirectories(directory.resolve(".out.old-5678"));
        Files.writeString(movedAside.resolve(MARKER), "previous");
        try (OutputCommit<Path> commit = begin(rules(true))) {
            assertFalse(Files.exists(staging));
            assertFalse(Files.exists(movedAside));
            assertEquals("previous", Files.readString(target().resolve(MARKER)), "the killed overwrite's old output");
        }
        assertEquals(1, entries());
    }

    @Test
    void concurrentRunsWithOverwriteLeaveOneWholeOutput() throws Exception {
        ownOutput("old");
        List<String> outcomes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> threads = new java.util.ArrayList<>();
        for (int run = 0; run < 4; run++) {
            String name = "run-" + run;
            Thread thread = new Thread(() -> {
                try (OutputCommit<Path> commit = begin(rules(true))) {
                    Files.writeString(commit.staging().resolve(MARKER), name);
                    commit.commit();
                    outcomes.add(name);
                } catch (UsageException refused) {
                    outcomes.add("refused");
                } catch (IOException e) {
                    outcomes.add("failed " + e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(outcomes.stream().noneMatch(outcome -> outcome.startsWith("failed")), outcomes.toString());
        String content = Files.readString(target().resolve(MARKER));
        assertTrue(content.equals("old") || outcomes.contains(content), content + " " + outcomes);
        assertEquals(1, entries());
    }

    private long entries() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }
}
