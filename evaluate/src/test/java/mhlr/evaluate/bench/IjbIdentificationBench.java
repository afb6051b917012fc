package mhlr.evaluate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import mhlr.evaluate.identification.IdentificationResult;
import mhlr.evaluate.identification.OneToN;
import mhlr.evaluate.identification.TemplateSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * IJB-C-sized 1:N identification on this machine: 3,531 gallery templates (one per subject, G1 and G2 together),
 * 19,593 probe templates (subject {@code i mod 3531}), 512-d L2-normalised template features scattered around a
 * centre per subject, generated in memory (not timed; pooling is the 1:1 bench's). Timed as the job runs it:
 * Spark start (local[*]) in the background while the driver finds each probe's mate, then the broadcast and the
 * scoring of every probe against the gallery on the executors, and the read-out on the driver. Then the numpy way,
 * {@code evaluation()} of {@code ijb_1n_reference.py} (ijb_1n.py's arithmetic) on the same features in python3,
 * timed inside Python, and the figures of both must be equal (the bench exits 1 otherwise).
 *
 * <p>Arguments (optional): partitions (default 4), seed (default 1).
 */
public final class IjbIdentificationBench {
    private static final int SUBJECTS = 3_531;
    private static final int PROBES = 19_593;
    private static final int DIMENSION = 512;

    private IjbIdentificationBench() {
    }

    public static void main(String[] args) throws Exception {
        int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[SUBJECTS][DIMENSION];
        for (double[] centre : centres) {
            for (int k = 0; k < DIMENSION; k++) {
                centre[k] = gaussian(random);
            }
        }
        TemplateSet gallery = templates(SUBJECTS, 0, centres, 1.0, random);
        TemplateSet probes = templates(PROBES, 100_000, centres, 4.0, random);

        long start = System.nanoTime();
        long cpuStart = cpu();
        CompletableFuture<SparkSession> starting = CompletableFuture.supplyAsync(() -> SparkSession.builder()
                .master("local[*]").appName("ijb-identification-bench")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate());
        int[] mates = OneToN.mates(gallery, probes, "synthetic IJB-C");
        SparkSession session = starting.join();
        double sparkReady = seconds(start);
        long scoreStart = System.nanoTime();
        IdentificationResult result = OneToN.evaluate(JavaSparkContext.fromSparkContext(session.sparkContext()),
                gallery, probes, mates, partitions);
        double scoring = seconds(scoreStart);
        double wall = seconds(start);
        double wallCpu = cpuSeconds(cpuStart);
        session.stop();

        System.out.printf(Locale.ROOT, "Spark local[*], %d partitions, %d cores, %,d probes x %,d gallery x %d-d%n",
                partitions, Runtime.getRuntime().availableProcessors(), PROBES, SUBJECTS, DIMENSION);
        System.out.println("| phase | wall (s) |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| Spark start (mates found meanwhile) | %.2f |%n", sparkReady);
        System.out.printf(Locale.ROOT, "| scoring + read-out (%,.0f probe-gallery scores/s) | %.2f |%n",
                (double) PROBES * SUBJECTS / scoring, scoring);
        System.out.printf(Locale.ROOT, "| total | %.2f (process CPU %.2f s) |%n", wall, wallCpu);

        String numpy = numpy(gallery, probes, mates);
        System.out.println("numpy (ijb_1n.py's evaluation(), timed in Python): " + numpy);
        String ours = String.format(Locale.ROOT, "rank_1 %.10f rank_5 %.10f rank_10 %.10f tpir_1e-02 %.10f"
                        + " tpir_1e-01 %.10f", result.rankAccuracies()[0], result.rankAccuracies()[1],
                result.rankAccuracies()[2], result.tpirs()[0], result.tpirs()[1]);
        System.out.println("Spark:                                             " + ours);
        boolean equal = numpy.startsWith(ours);
        System.out.println(equal ? "figures equal" : "FIGURES DIFFER");
        if (!equal) {
            System.exit(1);
        }
    }

    /** L2-normalised rows, row i of subject {@code i mod SUBJECTS}, ids from {@code firstId}. */
    private static TemplateSet templates(int count, int firstId, double[][] centres, double noise,
            SplittableRandom random) {
        int[] ids = new int[count];
        int[] subjects = new int[count];
        double[] features = new double[count * DIMENSION];
        for (int i = 0; i < count; i++) {
            ids[i] = firstId + i;
            subjects[i] = i % SUBJECTS;
            double norm = 0;
            for (int k = 0; k < DIMENSION; k++) {
                double value = centres[subjects[i]][k] + noise * gaussian(random);
                features[i * DIMENSION + k] = value;
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < DIMENSION; k++) {
                features[i * DIMENSION + k] /= norm;
            }
        }
        return new TemplateSet(ids, subjects, features, DIMENSION);
    }

    /** Runs the reference's {@code evaluation()} on the same features; its figures and seconds on one line. */
    private static String numpy(TemplateSet gallery, TemplateSet probes, int[] mates)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("ijb-1n-bench");
        try (InputStream in = IjbIdentificationBench.class.getResourceAsStream(
                "/mhlr/evaluate/identification/ijb_1n_reference.py")) {
            Files.copy(in, work.resolve("ijb_1n_reference.py"));
        }
        writeDoubles(work.resolve("gallery.f8"), gallery.features());
        writeDoubles(work.resolve("probes.f8"), probes.features());
        double[] mask = new double[mates.length];
        for (int i = 0; i < mates.length; i++) {
            mask[i] = mates[i];
        }
        writeDoubles(work.resolve("mask.f8"), mask);
        String script = String.join("\n",
                "import sys, time, numpy as np",
                "sys.path.insert(0, sys.argv[1])",
                "from ijb_1n_reference import evaluation",
                "d = " + DIMENSION,
                "g = np.fromfile(sys.argv[1] + '/gallery.f8', dtype='<f8').reshape(-1, d)",
                "p = np.fromfile(sys.argv[1] + '/probes.f8', dtype='<f8').reshape(-1, d)",
                "mask = [int(m) for m in np.fromfile(sys.argv[1] + '/mask.f8', dtype='<f8')]",
                "start = time.perf_counter()",
                "r = evaluation(p, g, mask)",
                "seconds = time.perf_counter() - start",
                "print('rank_1 %.10f rank_5 %.10f rank_10 %.10f tpir_1e-02 %.10f tpir_1e-01 %.10f, %.2f s'"
                        + " % (r['rank_1'], r['rank_5'], r['rank_10'], r['tpir_at_fpir']['1e-02'],"
                        + " r['tpir_at_fpir']['1e-01'], seconds))");
        Process process = new ProcessBuilder("python3", "-c", script, work.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return output;
    }

    private static void writeDoubles(Path file, double[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes.array());
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

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
