package mhlr.train.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.ShardSet;
import mhlr.train.testing.SyntheticFaces;
import mhlr.train.testing.TestShards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationTest {
    private static final int SIZE = 28;

    @TempDir
    Path directory;

    /** 8 identities of flat colours, 2 images each; 40 pairs alternating same and different. */
    private Path writeSet() {
        List<TestShards.KeyedImage> images = new ArrayList<>();
        for (int identity = 0; identity < 8; identity++) {
            for (int k = 0; k < 2; k++) {
                images.add(new TestShards.KeyedImage(identity + "_" + k, SyntheticFaces.flat(identity * 30)));
            }
        }
        List<TestShards.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int a = i % 8;
            pairs.add(i % 2 == 0 ? new TestShards.Pair(a + "_0", a + "_1", true)
                    : new TestShards.Pair(a + "_0", ((a + 3) % 8) + "_1", false));
        }
        Path set = directory.resolve("eval");
        TestShards.writeEvaluation(set, "synthetic", images, pairs);
        return set;
    }

    /** Embeds an image as its mean R, G and B (a perfect embedding for flat colours), times 10. */
    private static float[][] meanColour(float[] pixels, int count) {
        int plane = SIZE * SIZE;
        float[][] out = new float[count][3];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int p = 0; p < plane; p++) {
                    sum += pixels[i * 3 * plane + c * plane + p] + 1.5;
                }
                out[i][c] = (float) (10 * sum / plane);
            }
        }
        return out;
    }

    @Test
    void readsTheProtocolAndScoresAPerfectEmbedderPerfectly() {
        List<VerificationSet> sets = VerificationSet.open(writeSet().toString(), ShardSet.Check.FULL);
        assertEquals(1, sets.size());
        VerificationSet set = sets.get(0);
        assertEquals("synthetic", set.name());
        assertEquals(40, set.pairs());
        assertEquals(12, set.images().size(), "only the images the pairs use");
        Verification verification = new Verification(sets, SIZE, 5, 2);
        VerificationResult result = verification.run(VerificationTest::meanColour, 2000).get(0);
        assertEquals(1.0, result.accuracy());
        assertEquals(0.0, result.std());
        assertTrue(result.xNorm() > 1, "xnorm " + result.xNorm());
        assertEquals("[synthetic][2000]Accuracy-Flip: 1.00000+-0.00000", result.logLines().get(1));
        assertTrue(result.logLines().get(0).startsWith("[synthetic][2000]XNorm: "), result.logLines().get(0));
        assertEquals("[synthetic][2000]Accuracy-Highest: 1.00000", result.logLines().get(2));
    }

    @Test
    void keepsTheHighestAccuracyAcrossRunsAndRestoresIt() {
        List<VerificationSet> sets = VerificationSet.open(writeSet().toString(), ShardSet.Check.SIZE);
        Verification verification = new Verification(sets, SIZE, 16, 1);
        verification.restoreHighest(Map.of("synthetic", 0.75));
        Embedder constant = (pixels, n) -> {
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = new float[] {1, 2, 3};
            }
            return out;
        };
        VerificationResult chance = verification.run(constant, 10).get(0);
        assertEquals(0.5, chance.accuracy());
        assertEquals(0.75, chance.highest());
        assertEquals(1.0, verification.run(VerificationTest::meanColour, 20).get(0).highest());
        assertEquals(Map.of("synthetic", 1.0), verification.highest());
    }

    @Test
    void aSetThatIsNotForEvaluationIsRefused() {
        Path train = directory.resolve("train");
        TestShards.writeTraining(train, List.of(new TestShards.Sample(0, SyntheticFaces.flat(1)),
                new TestShards.Sample(1, SyntheticFaces.flat(2))), 2, 1, 10);
        UsageException error = assertThrows(UsageException.class,
                () -> VerificationSet.open(train.toString(), ShardSet.Check.SIZE));
        assertTrue(error.getMessage().contains("not an evaluation set"), error.getMessage());
    }
}
