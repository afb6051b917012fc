package mhlr.evaluate.bench;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import mhlr.evaluate.protocol.IjbResult;
import mhlr.evaluate.protocol.IjbVerification;
import mhlr.evaluate.protocol.PairScorer;
import mhlr.evaluate.protocol.TemplateFeatures;
import mhlr.evaluate.protocol.TemplatePairs;
import mhlr.evaluate.protocol.TemplatePooling;
import mhlr.evaluate.roc.Roc;
import mhlr.evaluate.roc.RocCurve;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * IJB-C-sized 1:1 verification on this machine: 23,000 templates, 469,375 images, 15,658,489 pairs (19,557
 * genuine), 512-d features, generated in memory (not timed). Timed as the job runs it: Spark start (local[*])
 * in the background while the driver pools the templates, and warms up the scorer ({@link IjbVerification#warmUp}), then broadcast, distributed scoring and the exact
 * distributed ROC. Then the same protocol is computed on one
 * thread without Spark (pool, score every pair, sort, scikit-learn curve) and every TAR must be equal.
 *
 * <p>Arguments (optional): partitions (default 4), ROC ranges (default 4), seed (default 1).
 */
public final class IjbScaleBench {
    private static final double[] FARS = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

    private IjbScaleBench() {
    }

    public static void main(String[] args) {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int ranges = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long generateStart = System.nanoTime();
        SyntheticIjb protocol = SyntheticIjb.ijbc(seed);
        System.out.printf(Locale.ROOT, "generated %,d images, %,d pairs in %.1f s (not timed)%n",
                protocol.templateIds().length, protocol.leftIds().length, seconds(generateStart));

        long start = System.nanoTime();
        long cpuStart = cpu();
        CompletableFuture<SparkSession> starting = CompletableFuture.supplyAsync(() -> SparkSession.builder()
                .master("local[*]").appName("ijb-scale-bench")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate());
        long poolStart = System.nanoTime();
        TemplateFeatures templates = TemplatePooling.pool(protocol.features(), protocol.templateIds(),
                protocol.mediaIds(), protocol.detectorScores());
        TemplatePairs pairs = TemplatePairs.resolve(protocol.leftIds(), protocol.rightIds(), protocol.same(),
                templates, "synthetic IJB-C");
        IjbVerification.warmUp(templates, pairs);
        double pooling = seconds(poolStart);
        SparkSession session = starting.join();
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        double sparkReady = seconds(start);
        double startAndPoolCpu = cpuSeconds(cpuStart);
        long scoreStart = System.nanoTime();
        long scoreCpu = cpu();
        IjbResult result = IjbVerification.evaluate(spark, templates, pairs, partitions,
                new IjbVerification.Options(ranges, FARS), Optional.empty());
        double scoring = seconds(scoreStart);
        double scoringCpu = cpuSeconds(scoreCpu);
        double wall = seconds(start);
        double wallCpu = cpuSeconds(cpuStart);
        session.stop();

        System.out.printf(Locale.ROOT, "Spark local[*], %d partitions, %d ROC ranges, %d cores%n", partitions, ranges,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| phase | wall (s) | process CPU (s) |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| Spark start, overlapped with template pooling (%,d templates, %.2f s)"
                + " | %.2f | %.2f |%n", templates.count(), pooling, sparkReady, startAndPoolCpu);
        System.out.printf(Locale.ROOT, "| scoring + ROC (%,.0f pairs/s) | %.2f | %.2f |%n", pairs.size() / scoring,
                scoring, scoringCpu);
        System.out.printf(Locale.ROOT, "| total | %.2f | %.2f |%n", wall, wallCpu);

        long directStart = System.nanoTime();
        long directCpu = cpu();
        TemplateFeatures directTemplates = TemplatePooling.pool(protocol.features(), protocol.templateIds(),
                protocol.mediaIds(), protocol.detectorScores());
        double[] scores = new double[pairs.size()];
        new PairScorer(directTemplates).score(pairs.left(), pairs.right(), 0, pairs.size(), scores);
        RocCurve curve = Roc.curve(scores, pairs.same());
        double direct = seconds(directStart);
        System.out.printf(Locale.ROOT, "single machine (pool on all cores, score and ROC on one thread): %.2f s wall,"
                + " %.2f s CPU (%,.0f pairs/s)%n", direct, cpuSeconds(directCpu), pairs.size() / direct);
        boolean equal = true;
        System.out.println("| FAR | TAR (Spark) | TAR (single machine) |");
        System.out.println("|---|---|---|");
        for (int i = 0; i < FARS.length; i++) {
            double expected = curve.tarAtFar(FARS[i]);
            equal &= expected == result.tars()[i];
            System.out.printf(Locale.ROOT, "| %.0e | %.6f | %.6f |%n", FARS[i], result.tars()[i], expected);
        }
        System.out.println(equal ? "figures equal" : "FIGURES DIFFER");
        if (!equal) {
            System.exit(1);
        }
    }

    /** CPU time of the whole process (all threads), which contention on a shared machine inflates far less. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double cpuSeconds(long since) {
        return (cpu() - since) / 1e9;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
