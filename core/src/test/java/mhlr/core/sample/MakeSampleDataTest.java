package mhlr.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.core.cli.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeSampleDataTest {
    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Launcher.run(MakeSampleData.COMMAND, args, arguments -> MakeSampleData.run(arguments, stdout), stdout,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesTheChosenFormatsAndRefusesToOverwriteWithoutTheFlag() {
        Path target = directory.resolve("sample");
        String[] args = {"--output", target.toString(), "--identities", "4", "--images-per-identity", "2",
            "--formats", "folders,lfw", "--set", "seed=9"};
        assertEquals(0, run(args), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(target.resolve("folders")));
        assertTrue(Files.isRegularFile(target.resolve("lfw/pairs.txt")));
        assertFalse(Files.exists(target.resolve("recordio")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("wrote 8 images of 2 training and 2 evaluation"));

        assertEquals(2, run(args));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give --overwrite"));
    }

    @Test
    void badFlagsAreUsageErrors() {
        Path target = directory.resolve("bad");
        assertEquals(2, run("--output", target.toString(), "--formats", "folders,jpegs"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown sample format 'jpegs'"));
        assertEquals(2, run("--output", target.toString(), "--identities", "3"));
        assertEquals(2, run("--output", target.toString(), "--set", "no.such.key=1"));
        assertFalse(Files.exists(target));
    }
}
