package mhlr.train.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mhlr.train.data.NetworkInput;
import mhlr.train.testing.SyntheticFaces;

/**
 * Batches of faces as network input ([n, 3, size, size] in [-1, 1], RGB, flattened): real faces from the shared
 * data's {@code lfw_a_subset} (the first images in path order) when it is there, generated faces otherwise.
 */
final class TestFaces {

    private TestFaces() {
    }

    /** The folder of real faces, if the shared data is present. */
    static Optional<Path> realFaceFolder() {
        Path folder = Path.of(System.getProperty("mhlr.shared.data", "../shared/data")).resolve("lfw_a_subset");
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** {@code n} real faces from {@code folder}, resized to {@code size}. */
    static float[] real(Path folder, int n, int size) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".jpg")).sorted()
                    .limit(n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.size() < n) {
            throw new IllegalStateException(folder + " holds " + files.size() + " faces, the test needs " + n);
        }
        int perImage = 3 * size * size;
        float[] batch = new float[n * perImage];
        for (int i = 0; i < n; i++) {
            try {
                NetworkInput.write(Files.readAllBytes(files.get(i)), files.get(i).toString(), size, false, batch,
                        i * perImage);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return batch;
    }

    /** {@code n} generated faces (identity i % 8), resized to {@code size}. */
    static float[] generated(int n, int size) {
        int perImage = 3 * size * size;
        float[] batch = new float[n * perImage];
        for (int i = 0; i < n; i++) {
            NetworkInput.write(SyntheticFaces.jpeg(5, i % 8, i / 8), "generated face " + i, size, false, batch,
                    i * perImage);
        }
        return batch;
    }
}
