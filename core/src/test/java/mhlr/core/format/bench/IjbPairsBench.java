package mhlr.core.format.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import mhlr.core.format.IjbTemplatePairs;

/**
 * Time and memory to read an IJB-C sized template pair file (15,658,489 lines, 19,557 genuine) into
 * {@link IjbTemplatePairs}. Writes the file to a temporary directory first (about 230 MB) and deletes it after.
 *
 * <pre>
 * mvn -B -o -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes mhlr.core.format.bench.IjbPairsBench [LINES]
 * </pre>
 */
public final class IjbPairsBench {
    private IjbPairsBench() {
    }

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 15_658_489;
        Path file = Files.createTempFile("ijbc_template_pair_label", ".txt");
        try {
            SplittableRandom random = new SplittableRandom(1);
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                for (int i = 0; i < lines; i++) {
                    int genuine = random.nextInt(800) == 0 ? 1 : 0;
                    writer.write(1 + random.nextInt(23_000) + " " + (1 + random.nextInt(23_000)) + " " + genuine + "\n");
                }
            }
            System.out.printf("%,d lines, %,d bytes%n", lines, Files.size(file));
            for (int round = 0; round < 3; round++) {
                System.gc();
                long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                long start = System.nanoTime();
                IjbTemplatePairs pairs = IjbTemplatePairs.read(file);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                System.out.printf("read %,d pairs (%,d genuine) in %.2f s, %.1f M lines/s, about %d MB held%n",
                        pairs.size(), pairs.genuineCount(), seconds, pairs.size() / seconds / 1e6,
                        (after - before) >> 20);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
