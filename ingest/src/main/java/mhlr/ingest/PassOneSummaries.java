package mhlr.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.prepared.SummaryBlock;
import mhlr.ingest.record.RecordCodec;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Pass 1's summaries as the later stages use them: the census, and each writer's rows partitioned and sorted by
 * their key. Two ways to the same result, chosen by the input's size ({@code ingest.plan-on-driver-up-to}):
 * <ul>
 *   <li>{@link #onDriver}: pass 1's job hands its summary blocks to the driver, which takes the census and
 *       arranges the rows itself; the writing tasks read their rows, in order, from a broadcast, so no Spark
 *       shuffle runs at all. The driver holds every summary (about 150 bytes each, a few hundred with the census's
 *       maps), so this is for inputs of up to a few hundred thousand records, where the shuffles' task set-up,
 *       serialization and files cost more than the work they move.</li>
 *   <li>{@link #onExecutors}: the census is a shuffle of the summaries by input hash, in the same Spark job as
 *       pass 1, and each writer's rows are a shuffle of the cached summaries; the driver holds only the census's
 *       result. For inputs of any size.</li>
 * </ul>
 * Neither the census nor the rows each writing task gets depend on the way, so the output is the same bytes.
 * Public for the benchmark of the driver's memory ({@code DriverPlanBench}).
 */
public final class PassOneSummaries {
    private final JavaSparkContext spark;
    private final JavaRDD<byte[]> blocks;
    private final List<byte[]> collected;

    private PassOneSummaries(JavaSparkContext spark, JavaRDD<byte[]> blocks, List<byte[]> collected) {
        this.spark = spark;
        this.blocks = blocks;
        this.collected = collected;
    }

    /** Runs pass 1 ({@code blocks}, one summary block per partition, cached) and keeps its blocks on the driver. */
    public static PassOneSummaries onDriver(JavaSparkContext spark, JavaRDD<byte[]> blocks) {
        return new PassOneSummaries(spark, blocks, blocks.collect());
    }

    /** Leaves pass 1's blocks (cached) on the executors; pass 1 runs with the census. */
    public static PassOneSummaries onExecutors(JavaSparkContext spark, JavaRDD<byte[]> blocks) {
        return new PassOneSummaries(spark, blocks, null);
    }

    /**
     * What the driver needs before it writes: for a training set the full {@link Census}; for an evaluation set
     * (which keeps copies and has no labels) only the records by skip reason.
     */
    public Census census(DatasetKind kind) {
        if (collected != null) {
            return kind == DatasetKind.TRAIN
                    ? CensusByContent.count(SummaryBlock.summaries(collected))
                    : countCodes(List.of(codes(SummaryBlock.summaries(collected))));
        }
        JavaRDD<byte[]> summaries = blocks.flatMap(SummaryBlock::summaries);
        return kind == DatasetKind.TRAIN
                ? Census.take(summaries)
                : countCodes(summaries.mapPartitions(part -> List.of(codes(part)).iterator()).collect());
    }

    /**
     * Every summary's rows ({@code rows}) in the partitions of {@code partitioner}, each partition sorted by key, as
     * {@code repartitionAndSortWithinPartitions} gives them. On the driver each partition's summaries are put in
     * order there and broadcast (one packed block per partition), and each task keys its block's summaries again;
     * else the cached summaries are read in a partition per core (or per hundred of pass 1's partitions,
     * {@link SummaryPartitions}) and shuffled.
     */
    public <K extends Comparable<K>> JavaPairRDD<K, byte[]> arranged(PairFlatMapFunction<byte[], K, byte[]> rows,
            Partitioner partitioner) {
        if (collected == null) {
            return summaries().flatMapToPair(rows).repartitionAndSortWithinPartitions(partitioner);
        }
        List<List<Tuple2<K, byte[]>>> partitions = new ArrayList<>();
        for (int i = 0; i < partitioner.numPartitions(); i++) {
            partitions.add(new ArrayList<>());
        }
        for (Iterator<byte[]> summaries = SummaryBlock.summaries(collected); summaries.hasNext(); ) {
            rowsOf(rows, summaries.next()).forEachRemaining(row -> partitions.get(partitioner.getPartition(row._1()))
                    .add(row));
        }
        Comparator<Tuple2<K, byte[]>> byKey = Comparator.comparing(Tuple2::_1);
        List<byte[]> blocksInOrder = new ArrayList<>();
        for (List<Tuple2<K, byte[]>> partition : partitions) {
            partition.sort(byKey);
            blocksInOrder.add(SummaryBlock.pack(partition.stream().map(Tuple2::_2).toList()));
        }
        Broadcast<List<byte[]>> ordered = spark.broadcast(blocksInOrder);
        return spark.parallelize(IntStream.range(0, blocksInOrder.size()).boxed().toList(), blocksInOrder.size())
                .flatMap(partition -> SummaryBlock.summaries(ordered.value().get(partition)))
                .flatMapToPair(rows);
    }

    /** The rows of one summary, a failure to key it named by its source. */
    private static <K> Iterator<Tuple2<K, byte[]>> rowsOf(PairFlatMapFunction<byte[], K, byte[]> rows,
            byte[] summary) {
        try {
            return rows.call(summary);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot key the summary of " + RecordCodec.decodeSummary(summary).source(),
                    e);
        }
    }

    /** Every summary, as an RDD of the cached blocks read in a partition per core or more. */
    public JavaRDD<byte[]> summaries() {
        return blocks.coalesce(SummaryPartitions.of(blocks.getNumPartitions(), spark.defaultParallelism()))
                .flatMap(SummaryBlock::summaries);
    }

    /** Records by skip reason's name ({@code ""} for faces). */
    private static Map<String, Long> codes(Iterator<byte[]> summaries) {
        Map<String, Long> codes = new HashMap<>();
        while (summaries.hasNext()) {
            byte[] summary = summaries.next();
            String code = RecordCodec.isFaceSummary(summary) ? ""
                    : RecordCodec.decodeSummary(summary).reason().name();
            codes.merge(code, 1L, Long::sum);
        }
        return codes;
    }

    private static Census countCodes(List<Map<String, Long>> partitions) {
        Census census = Census.empty();
        partitions.forEach(partition -> partition.forEach((code, count) -> census.codes().merge(code, count,
                Long::sum)));
        return census;
    }
}
