package mhlr.evaluate.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mhlr.evaluate.roc.DistributedRoc.ScoredBlock;
import mhlr.spark.SharedLocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

class DistributedRocTest {
    private static final double[] FARS = RocTest.FARS;

    private static JavaRDD<ScoredBlock> blocks(double[] scores, boolean[] same, int blockCount) {
        List<ScoredBlock> blocks = new ArrayList<>();
        int size = (scores.length + blockCount - 1) / blockCount;
        for (int from = 0; from < scores.length; from += size) {
            int to = Math.min(scores.length, from + size);
            blocks.add(new ScoredBlock(from, Arrays.copyOfRange(scores, from, to), Arrays.copyOfRange(same, from, to)));
        }
        return JavaSparkContext.fromSparkContext(SharedLocalSpark.session().sparkContext())
                .parallelize(blocks, blocks.size());
    }

    private static void assertSameReadOuts(double[] scores, boolean[] same, int blockCount, int ranges, String what) {
        RocCurve direct = Roc.curve(scores, same);
        double[] sample = new double[Math.min(scores.length, 500)];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = scores[(int) ((long) i * scores.length / sample.length)];
        }
        DistributedRoc.Result distributed = DistributedRoc.compute(blocks(scores, same, blockCount),
                DistributedRoc.boundaries(sample, ranges), FARS);
        assertEquals(direct.impostors(), distributed.impostors(), what);
        assertEquals(direct.genuine(), distributed.genuine(), what);
        for (int f = 0; f < FARS.length; f++) {
            assertEquals(direct.tarAtFar(FARS[f]), distributed.tar(f), what + ", TAR@" + FARS[f]);
            assertEquals(TarAtFar.select(direct.points(), direct.impostors(), FARS[f]), distributed.chosen()[f],
                    what + ", point for " + FARS[f]);
        }
    }

    @Test
    void equalsTheDirectComputationOnThousandsOfPairsWithManyTies() {
        for (int seed = 0; seed < 4; seed++) {
            Random random = new Random(100 + seed);
            int n = 3000 + random.nextInt(3000);
            boolean[] same = new boolean[n];
            double[] scores = RocTest.tiedScores(random, same, 4 + random.nextInt(200));
            for (int ranges : new int[] {1, 5}) {
                assertSameReadOuts(scores, same, 1 + seed % 4, ranges, "seed " + seed + ", " + ranges + " ranges");
            }
        }
    }

    @Test
    void equalsTheDirectComputationWhenRangesCutRunsOfCollinearPoints() {
        // Every impostor score distinct and no genuine pair below the top: one long run of (1, 0) groups,
        // cut by every range boundary; only the ends survive drop_intermediate.
        int n = 5000;
        double[] scores = new double[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            same[i] = i % 250 == 0 && i < 2000;
            scores[i] = same[i] ? 2.0 + i : -i * 1e-3;
        }
        assertSameReadOuts(scores, same, 3, 16, "collinear runs");
    }

    @Test
    void equalsTheDirectComputationWhenAllScoresTie() {
        double[] scores = new double[1000];
        boolean[] same = new boolean[1000];
        for (int i = 0; i < same.length; i += 9) {
            same[i] = true;
        }
        assertSameReadOuts(scores, same, 4, 5, "all tied");
    }
}
