package mhlr.core.image.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.image.FacePreparation;
import mhlr.core.image.ImageDecoder;
import mhlr.core.image.ImageEncoder;
import mhlr.core.skip.BadRecordException;
import mhlr.core.sample.SampleFaces;
import mhlr.core.sample.SampleImage;

/**
 * Images per second on one thread: decoding alone against {@link FacePreparation#prepare} (decode, then resize or
 * align, then JPEG 95), on 250x250 JPEGs, plus the pass-through of already aligned 112x112 JPEGs. Rounds alternate
 * between the variants so that a busy machine slows them alike; the ratios are the result.
 *
 * <pre>
 * mvn -B -o -q -pl core test-compile
 * java -Djava.awt.headless=true -cp core/target/classes:core/target/test-classes \
 *     mhlr.core.image.bench.FacePreparationBench [SHARED_DATA_DIR] [ROUNDS]
 * </pre>
 * With the shared data directory, the grey 250x250 LFW-a JPEGs are measured as well as synthetic colour ones.
 */
public final class FacePreparationBench {
    private static final int IMAGES = 400;

    private FacePreparationBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SampleFaces faces = new SampleFaces(1);
        List<byte[]> colour = new ArrayList<>();
        List<float[]> landmarks = new ArrayList<>();
        List<byte[]> aligned = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            SampleImage photo = faces.photo(i % 100, i / 100, 250);
            colour.add(ImageEncoder.jpeg(photo.image(), 0.9f));
            landmarks.add(photo.landmarks());
            aligned.add(ImageEncoder.jpeg(faces.aligned(i % 100, i / 100).image(), 0.9f));
        }
        List<byte[]> grey = args.length > 0 ? lfw(Path.of(args[0], "lfw_a_subset")) : List.of();

        System.out.printf("one thread, %d images per set, %d rounds (best round shown)%n", IMAGES, rounds);
        report("colour 250x250 JPEG", colour, landmarks, rounds);
        if (!grey.isEmpty()) {
            report("grey 250x250 LFW-a JPEG", grey, null, rounds);
        }
        double decode = best(rounds, () -> decodeAll(aligned));
        double pass = best(rounds, () -> prepareAll(aligned, null));
        System.out.printf("%-26s decode %6.0f/s   prepare (pass-through) %6.0f/s   ratio %.2f%n",
                "aligned 112x112 JPEG", decode, pass, pass / decode);
    }

    private static void report(String name, List<byte[]> images, List<float[]> landmarks, int rounds)
            throws Exception {
        double[] decode = new double[rounds];
        double[] resize = new double[rounds];
        double[] align = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            decode[round] = rate(images.size(), () -> decodeAll(images));
            resize[round] = rate(images.size(), () -> prepareAll(images, null));
            if (landmarks != null) {
                align[round] = rate(images.size(), () -> prepareAll(images, landmarks));
            }
        }
        double bestDecode = max(decode);
        double bestResize = max(resize);
        System.out.printf("%-26s decode %6.0f/s   prepare (resize) %6.0f/s   ratio %.2f", name, bestDecode,
                bestResize, bestResize / bestDecode);
        if (landmarks != null) {
            System.out.printf("   prepare (align) %6.0f/s   ratio %.2f", max(align), max(align) / bestDecode);
        }
        System.out.println();
    }

    private static void decodeAll(List<byte[]> images) throws BadRecordException {
        for (byte[] image : images) {
            ImageDecoder.decode(image, "bench");
        }
    }

    private static void prepareAll(List<byte[]> images, List<float[]> landmarks) throws BadRecordException {
        for (int i = 0; i < images.size(); i++) {
            FacePreparation.prepare(images.get(i), landmarks == null ? null : landmarks.get(i), "bench");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double best(int rounds, Work work) throws Exception {
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            best = Math.max(best, rate(IMAGES, work));
        }
        return best;
    }

    private static double rate(int count, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double max(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static List<byte[]> lfw(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<byte[]> images = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jpg")).sorted().limit(IMAGES).toList()) {
                images.add(Files.readAllBytes(file));
            }
        }
        return images;
    }
}
