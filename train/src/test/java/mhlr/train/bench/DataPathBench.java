package mhlr.train.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.train.data.BatchPipeline;
import mhlr.train.data.DataOptions;
import mhlr.train.data.DataPosition;
import mhlr.train.data.TrainingBatch;
import mhlr.train.data.TrainingData;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.TrainingModel;
import mhlr.train.testing.SyntheticFaces;
import mhlr.train.testing.TestRecordIo;
import mhlr.train.testing.TestShards;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the data path costs the optimizer: training images/s when each step's batch comes from the Parquet shards,
 * and from an insightface RecordIO folder of the same faces (read, shuffle, JPEG decode on the pool, flip, scale;
 * prefetched), against the same training fed by batches already decoded in memory, side by side in one JVM, in
 * alternating rounds (memory, Parquet, RecordIO) so that the load of a shared machine falls on all alike. The first
 * {@code prefetch} steps of each pipeline round are not timed (the queue filled while another round ran; the other
 * pipeline's refill happens then too, so it never overlaps a timed stretch). Also each pipeline's own rate without a
 * network (its headroom), and, since wall time on a busy shared machine swings from round to round, the CPU time: of
 * the whole process per image in each kind of round, and of the reader and decoder threads alone, the share of the
 * CPU the data path takes from training when both compete for the same cores.
 *
 * <pre>
 * ./mvnw -o -q -pl train -am package -DskipTests
 * OMP_WAIT_POLICY=PASSIVE java $(cat bin/lib/jvm-options) \
 *   -cp train/target/test-classes:train/target/classes:$(cat train/target/classpath.txt) \
 *   mhlr.train.bench.DataPathBench [--backbone mobilefacenet] [--image-size 112] [--batch 32] [--steps 10]
 *   [--rounds 3] [--images 2048] [--threads 2] [--prefetch 4] [--work DIR]
 * </pre>
 * Shards and a RecordIO folder (insightface's layout: header record, images grouped by class, identity records) of
 * the same generated 112x112 JPEG faces are written to {@code --work} (default {@code train/target/data-path-bench})
 * on the first run and reused.
 */
public final class DataPathBench {
    private DataPathBench() {
    }

    /** One source of batches and what its timed rounds measured. */
    private static final class Feed {
        final String name;
        final BatchPipeline pipeline;
        double seconds;
        double wait;
        double cpu;
        double dataCpu;

        Feed(String name, BatchPipeline pipeline) {
            this.name = name;
            this.pipeline = pipeline;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        String backbone = options.getOrDefault("backbone", "mobilefacenet");
        int size = Integer.parseInt(options.getOrDefault("image-size", "112"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "32"));
        int steps = Integer.parseInt(options.getOrDefault("steps", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int images = Integer.parseInt(options.getOrDefault("images", "2048"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int prefetch = Integer.parseInt(options.getOrDefault("prefetch", "4"));
        Path work = Path.of(options.getOrDefault("work", "train/target/data-path-bench"));

        int identities = Math.max(2, images / 16);
        Path shardsDirectory = work.resolve("shards-" + images);
        Path recordsDirectory = work.resolve("records-" + images);
        if (!Files.exists(shardsDirectory.resolve(ShardSchema.MANIFEST_FILE))
                || !Files.exists(recordsDirectory.resolve("property"))) {
            List<TestShards.Sample> samples = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                samples.add(new TestShards.Sample(i % identities, SyntheticFaces.jpeg(7, i % identities, i)));
            }
            TestShards.writeTraining(shardsDirectory, samples, identities, 4, 256);
            TestRecordIo.write(recordsDirectory, samples, identities, TestRecordIo.Layout.INSIGHTFACE, true);
        }
        TrainingData shards = TrainingData.open(shardsDirectory.toString(), ShardSet.Check.SIZE);
        TrainingData records = TrainingData.open(recordsDirectory.toString(), ShardSet.Check.SIZE);
        DataOptions data = new DataOptions(3407, batch, size, true, threads, 4096, prefetch, ShardSet.Check.SIZE);
        System.out.printf(Locale.ROOT, "%s %dx%d, batch %d, %d images of %d identities, %d decode threads, prefetch %d,"
                + " %d cores, OMP_WAIT_POLICY=%s%n", backbone, size, size, batch, images, identities, threads, prefetch,
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"));

        for (int i = 0; i < 2; i++) {
            System.out.printf(Locale.ROOT, "pipeline alone (no network): Parquet %.0f images/s, RecordIO %.0f"
                    + " images/s%n", pipelineAlone(shards, data, Math.max(8, 4 * prefetch)),
                    pipelineAlone(records, data, Math.max(8, 4 * prefetch)));
        }

        TrainingModel model = TrainingModel.builder(BackboneSpec.builder(backbone).inputSize(size).build(), identities)
                .margin(CombinedMarginLoss.cosFace()).seed(1).build();
        List<TrainingBatch> inMemory = new ArrayList<>();
        try (BatchPipeline parquet = BatchPipeline.open(shards, data, DataPosition.start(), 1000);
             BatchPipeline recordIo = BatchPipeline.open(records, data, DataPosition.start(), 1000)) {
            List<Feed> feeds = List.of(new Feed("Parquet", parquet), new Feed("RecordIO", recordIo));
            for (int i = 0; i < Math.min(8, parquet.batchesPerEpoch()); i++) {
                inMemory.add(parquet.next());
            }
            for (int i = 0; i < 3; i++) {
                step(model, inMemory.get(i % inMemory.size()));
            }
            double syntheticSeconds = 0;
            double syntheticCpu = 0;
            int inMemoryNext = 0;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                double cpu = processCpu();
                for (int i = 0; i < steps; i++) {
                    step(model, inMemory.get(inMemoryNext++ % inMemory.size()));
                }
                double synthetic = (System.nanoTime() - start) / 1e9;
                double syntheticRoundCpu = processCpu() - cpu;
                syntheticSeconds += synthetic;
                syntheticCpu += syntheticRoundCpu;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d: in-memory %.2f images/s"
                        + " (%.1f CPU ms/image)", round + 1, steps * batch / synthetic,
                        1000 * syntheticRoundCpu / (steps * batch)));
                for (Feed feed : feeds) {
                    for (int i = 0; i < prefetch; i++) {
                        step(model, feed.pipeline.next());
                    }
                    start = System.nanoTime();
                    cpu = processCpu();
                    double dataBefore = dataPathCpu();
                    double wait = 0;
                    for (int i = 0; i < steps; i++) {
                        long before = System.nanoTime();
                        TrainingBatch next = feed.pipeline.next();
                        wait += (System.nanoTime() - before) / 1e9;
                        step(model, next);
                    }
                    double fed = (System.nanoTime() - start) / 1e9;
                    double fedCpu = processCpu() - cpu;
                    double fedData = dataPathCpu() - dataBefore;
                    line.append(String.format(Locale.ROOT, "; %s %.2f images/s (%.1f CPU ms/image, of which data"
                            + " path %.1f; waited %.1f %%)", feed.name, steps * batch / fed,
                            1000 * fedCpu / (steps * batch), 1000 * fedData / (steps * batch), 100 * wait / fed));
                    feed.seconds += fed;
                    feed.wait += wait;
                    feed.cpu += fedCpu;
                    feed.dataCpu += fedData;
                }
                System.out.println(line);
            }
            double timedImages = rounds * steps * batch;
            double syntheticRate = timedImages / syntheticSeconds;
            System.out.printf(Locale.ROOT, "total: in-memory %.2f images/s, %.1f CPU ms/image%n", syntheticRate,
                    1000 * syntheticCpu / timedImages);
            for (Feed feed : feeds) {
                double rate = timedImages / feed.seconds;
                System.out.printf(Locale.ROOT, "total: %s %.2f images/s (wall-clock cost %.1f %%); waited for data"
                        + " %.1f %% of the time; %.1f CPU ms/image; the data path's threads used %.1f %% of the CPU%n",
                        feed.name, rate, 100 * (1 - rate / syntheticRate), 100 * feed.wait / feed.seconds,
                        1000 * feed.cpu / timedImages, 100 * feed.dataCpu / feed.cpu);
            }
        }
    }

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of the pipeline's reader and decoder threads so far. */
    private static double dataPathCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double seconds = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("mhlr-decode-")
                    || info.getThreadName().startsWith("mhlr-shard-reader-"))) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                seconds += nanos > 0 ? nanos / 1e9 : 0;
            }
        }
        return seconds;
    }

    private static void step(TrainingModel model, TrainingBatch batch) {
        model.step(Nd4j.create(batch.pixels(), batch.shape(), 'c'), batch.labels(), 0.01);
    }

    private static double pipelineAlone(TrainingData shards, DataOptions data, int batches) {
        try (BatchPipeline pipeline = BatchPipeline.open(shards, data, DataPosition.start(), 1000)) {
            pipeline.next();
            long start = System.nanoTime();
            for (int i = 0; i < batches; i++) {
                pipeline.next();
            }
            return batches * data.batchSize() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
