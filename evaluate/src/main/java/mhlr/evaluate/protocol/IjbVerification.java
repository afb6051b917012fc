package mhlr.evaluate.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import mhlr.evaluate.roc.DistributedRoc;
import mhlr.evaluate.roc.DistributedRoc.ScoredBlock;
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
    private static final int WARM_UP_PAIRS = 300_000;

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

    /**
     * Scores a sample of the pairs on the calling thread and drops the scores. Called while Spark starts, it has the
     * scorer's SIMD loop compiled before the tasks run (in local mode they share this JVM's compiled code), which
     * saves most of a second of interpreted Vector API code per task; on a cluster it costs a fraction of a second
     * of the driver's start-up wait.
     */
    public static void warmUp(TemplateFeatures templates, TemplatePairs pairs) {
        PairBlock probe = pairs.sample(WARM_UP_PAIRS);
        new PairScorer(templates).score(probe.left(), probe.right(), 0, probe.size(), new double[probe.size()]);
    }

    /**
     * The driver-side convenience: pairs from arrays, cut into {@code partitions} blocks. The pair list is broadcast
     * once and each task cuts its own block, so the tasks themselves stay small (a block inside each task would be
     * serialized with every task and, on two cores, cost more than the scoring's whole broadcast).
     */
    public static IjbResult evaluate(JavaSparkContext spark, TemplateFeatures templates, TemplatePairs pairs,
            int partitions, Options options, Optional<ScoreWriter> scoreWriter) {
        int count = pairs.blockCount(partitions);
        Broadcast<TemplatePairs> shared = spark.broadcast(pairs);
        try {
            JavaRDD<PairBlock> blocks = spark.parallelize(IntStream.range(0, count).boxed().toList(), count)
                    .map(b -> shared.value().block(b, count));
            return evaluate(spark, templates, blocks, pairs.sample(SAMPLE_PAIRS), options, scoreWriter);
        } finally {
            shared.destroy();
        }
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
