package mhlr.evaluate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.evaluate.embed.NpyFile;

/** Writes float32 C-order .npy files (version 1.0) as numpy does, for tests. */
public final class NpyFiles {
    private NpyFiles() {
    }

    public static Path write(Path file, float[] values, long rows, int columns) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            NpyFile.write(out, values, rows, columns);
        }
        return file;
    }
}
