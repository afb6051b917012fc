package mhlr.ingest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import mhlr.core.config.Settings;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.Census;
import mhlr.ingest.PassOneSummaries;
import mhlr.ingest.align.FacePreparer;
import mhlr.ingest.prepared.SpillLocation;
import mhlr.ingest.prepared.SummaryBlock;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.shards.ShardOrder;
import mhlr.ingest.shards.ShardPartitioner;
import mhlr.spark.SparkJob;
import mhlr.spark.SparkSessions;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * What the driver holds when ingest takes its census and arranges the shard rows itself
 * ({@code ingest.plan-on-driver-up-to}, {@link PassOneSummaries#onDriver}), for {@code --records} records (default
 * 200,000, the default limit): synthetic summaries as pass 1 makes them (WebFace-style sources and identities, 20
 * faces per identity, a hex SHA-256 per face, one face in a hundred a copy of another), cached in partitions of a
 * thousand, then:
 * <ul>
 *   <li>pass 1's blocks collected to the driver: the used heap after a full GC, minus the same before;</li>
 *   <li>the training census taken from them: its result's heap, and the most heap in use while it ran (a thread
 *       reads the used heap every millisecond: an upper bound, garbage not yet collected included);</li>
 *   <li>the shard rows arranged (keyed by {@link ShardOrder}, sorted, packed and broadcast, as for a Parquet
 *       output): the same two figures.</li>
 * </ul>
 * Run it under a small {@code -Xmx} to show the driver's way fits in it.
 *
 * <pre>
 * ./mvnw -q -o -pl ingest -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java $(cat bin/lib/jvm-options) -Xmx512m \
 *     -cp ingest/target/test-classes:ingest/target/classes:$(cat ingest/target/test-classpath.txt) \
 *     mhlr.ingest.bench.DriverPlanBench [--records 200000]
 * </pre>
 */
public final class DriverPlanBench {
    private static final int FACES_PER_IDENTITY = 20;
    private static final int PER_PARTITION = 1000;
    private static final int COPY_EVERY = 100;
    private static final int IMAGE_BYTES = 4096;
    private static final long SEED = 3407;
    private static final int SHARDS = 4;

    private DriverPlanBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = 200_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SparkSession session = SparkSessions.start(Settings.load(Optional.empty(), List.of()),
                new SparkJob("ingest", "driver-plan-bench", Optional.of("local[2]"), Map.of()));
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        JavaRDD<byte[]> blocks = spark.parallelize(blocks(records), (records + PER_PARTITION - 1) / PER_PARTITION)
                .cache();
        blocks.count();

        long before = usedHeapAfterGc();
        PassOneSummaries onDriver = PassOneSummaries.onDriver(spark, blocks);
        report("pass 1's blocks collected", records, usedHeapAfterGc() - before, 0);

        before = usedHeapAfterGc();
        Census census;
        try (PeakHeap peak = PeakHeap.start()) {
            census = onDriver.census(DatasetKind.TRAIN);
            report("the census taken", records, usedHeapAfterGc() - before, peak.above(before));
        }
        if (census.duplicates() != records / COPY_EVERY) {
            throw new IllegalStateException("the census found " + census.duplicates() + " copies, expected "
                    + records / COPY_EVERY);
        }

        before = usedHeapAfterGc();
        try (PeakHeap peak = PeakHeap.start()) {
            long rows = onDriver.arranged(summary -> List.of(new Tuple2<>(ShardOrder.of(SEED,
                    RecordCodec.decodeSummary(summary).source(), SHARDS), summary)).iterator(),
                    new ShardPartitioner(SHARDS)).count();
            report("the shard rows arranged and broadcast", records, usedHeapAfterGc() - before, peak.above(before));
            if (rows != records) {
                throw new IllegalStateException("arranged " + rows + " rows of " + records);
            }
        }
        System.out.printf(Locale.ROOT, "max heap %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        session.stop();
    }

    /** Pass 1's summary blocks for {@code records} synthetic faces. */
    private static List<byte[]> blocks(int records) {
        List<byte[]> blocks = new ArrayList<>();
        List<byte[]> summaries = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            int identity = i / FACES_PER_IDENTITY;
            String folder = String.format(Locale.ROOT, "%d_%d_%07d", identity % 10, identity % 7, identity);
            String source = String.format(Locale.ROOT, "%d/%s/%08d.jpg", identity % 10, folder,
                    i % FACES_PER_IDENTITY);
            int content = i % COPY_EVERY == COPY_EVERY - 1 ? i - 1 : i;
            String hash = FacePreparer.sha256(Integer.toString(content).getBytes(StandardCharsets.UTF_8));
            FaceRecord face = FaceRecord.training(source, folder, null, null).prepared(new byte[IMAGE_BYTES], hash);
            summaries.add(RecordCodec.summaryBytes(face, new SpillLocation(i / PER_PARTITION, 0,
                    (long) (i % PER_PARTITION) * IMAGE_BYTES, IMAGE_BYTES)));
            if (summaries.size() == PER_PARTITION || i == records - 1) {
                blocks.add(SummaryBlock.pack(summaries));
                summaries.clear();
            }
        }
        return blocks;
    }

    private static void report(String what, int records, long retained, long peak) {
        System.out.printf(Locale.ROOT, "%s: held %,.1f MB (%.0f bytes per record)%s%n", what, retained / 1e6,
                (double) retained / records, peak == 0 ? ""
                        : String.format(Locale.ROOT, "; at most %,.1f MB more in use while it ran", peak / 1e6));
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The most heap in use while it runs, read every millisecond on a thread of its own. */
    private static final class PeakHeap implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread reader;
        private volatile boolean running = true;

        private PeakHeap() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            reader = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "peak-heap");
            reader.setDaemon(true);
        }

        static PeakHeap start() {
            PeakHeap heap = new PeakHeap();
            heap.reader.start();
            return heap;
        }

        /** The most in use so far, above {@code baseline}. */
        long above(long baseline) {
            return Math.max(0, peak.get() - baseline);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join();
        }
    }
}
