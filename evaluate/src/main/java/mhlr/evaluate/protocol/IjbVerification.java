package mhlr.evaluate.protocol;

import java.util.Arrays;
import java.util.Optional;
import mhlr.evaluate.roc.DistributedRoc;
import mhlr.evaluate.roc.ScoredBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * IJB-B/C 1:1 verification on Spark: the pooled template matrix is broadcast once, each partition scores its
 * block of pairs with {@link PairScorer}'s tiled loop, and {@link DistributedRoc} reads the TPR at each FAR
 * without the scores leaving the executors. The per-pair scores can be handed to a writer on the executors.
 */
public final class IjbVerification {
    /** Grid points of the plotted curve, log-spaced from 1e-7 to 1. */
    static final int CURVE_POINTS = 141;
    private static final int SAMPLE_PAIRS = 20_000;

    private IjbVerification() {
    }

    /**
     * What to run with.
     *
     * @param ranges score ranges (reduce tasks) of the distributed ROC
     * @param fars the target FARs of the read-out
     */
    public record Options(int ranges, double[] fars) {
    }

    /** The log-spaced FAR grid of the plotted curve. */
    public static double[] curveGrid() {
        double[] grid = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            grid[i] = Math.pow(10.0, -7.0 + 7.0 * i / (CURVE_POINTS - 1));
        }
        return grid;
    }

    /**
     * Scores the pair blocks and reads the ROC.
     *
     * @param blocks the pairs, one block per partition
     * @param sample a small subset of the pairs (placement of the ROC's score ranges only)
     * @param scoreWriter when present, runs on the scored blocks (on the executors) before they are dropped
     */
    public static IjbResult evaluate(JavaSparkContext spark, TemplateFeatures templates, JavaRDD<PairBlock> blocks,
            PairBlock sample, Options options, Optional<ScoreWriter> scoreWriter) {
        Broadcast<TemplateFeatures> shared = spark.broadcast(templates);
        try {
            JavaRDD<ScoredPairs> scored = blocks.map(block -> score(shared.value(), block));
            if (scoreWriter.isPresent()) {
                scored = scored.persist(StorageLevel.MEMORY_ONLY());
            }
            PairScorer local = new PairScorer(templates);
            double[] sampleScores = new double[sample.size()];
            local.score(sample.left(), sample.right(), 0, sample.size(), sampleScores);
            double[] grid = curveGrid();
            double[] all = new double[options.fars().length + grid.length];
            System.arraycopy(options.fars(), 0, all, 0, options.fars().length);
            System.arraycopy(grid, 0, all, options.fars().length, grid.length);
            DistributedRoc.Result roc = DistributedRoc.compute(scored.map(ScoredPairs::forRoc),
                    DistributedRoc.boundaries(sampleScores, options.ranges()), all);
            if (scoreWriter.isPresent()) {
                ScoreWriter writer = scoreWriter.get();
                scored.foreach(pairs -> writer.write(pairs.pairs(), pairs.scores(), shared.value().templateIds()));
                scored.unpersist(false);
            }
            double[] tars = new double[all.length];
            for (int i = 0; i < all.length; i++) {
                tars[i] = roc.tar(i);
            }
            int targets = options.fars().length;
            return new IjbResult(roc.impostors() + roc.genuine(), roc.genuine(), options.fars().clone(),
                    Arrays.copyOfRange(tars, 0, targets), grid, Arrays.copyOfRange(tars, targets, all.length));
        } finally {
            shared.destroy();
        }
    }

    /** The driver-side convenience: pairs from arrays, cut into {@code partitions} blocks. */
    public static IjbResult evaluate(JavaSparkContext spark, TemplateFeatures templates, TemplatePairs pairs,
            int partitions, Options options, Optional<ScoreWriter> scoreWriter) {
        JavaRDD<PairBlock> blocks = spark.parallelize(pairs.blocks(partitions), partitions);
        return evaluate(spark, templates, blocks, pairs.sample(SAMPLE_PAIRS), options, scoreWriter);
    }

    static ScoredPairs score(TemplateFeatures templates, PairBlock block) {
        double[] scores = new double[block.size()];
        new PairScorer(templates).score(block.left(), block.right(), 0, block.size(), scores);
        return new ScoredPairs(block, scores);
    }

    /** A block of pairs with their scores. */
    record ScoredPairs(PairBlock pairs, double[] scores) implements java.io.Serializable {
        ScoredBlock forRoc() {
            return new ScoredBlock(pairs.firstPair(), scores, pairs.same());
        }
    }

    /** Receives each scored block on an executor (e.g. to write it as Parquet); rows index templateIds. */
    public interface ScoreWriter extends java.io.Serializable {
        void write(PairBlock pairs, double[] scores, int[] templateIds) throws Exception;
    }
}
