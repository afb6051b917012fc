package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.prepared.SpillLocation;
import mhlr.ingest.prepared.SummaryBlock;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.SkippedRecord;
import mhlr.ingest.shards.ShardPartitioner;
import mhlr.spark.SharedLocalSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class PassOneSummariesTest {
    private static final int SHARDS = 3;
    private static final long SEED = 11;

    private static byte[] face(String source, String identity, String hash) {
        FaceRecord face = FaceRecord.training(source, identity, null, null).prepared(new byte[100], hash);
        return RecordCodec.summaryBytes(face, new SpillLocation(0, 0, 0, RecordCodec.encode(face).length));
    }

    /** Pass 1's blocks: four partitions, copies of the same bytes in different ones, a skipped record. */
    private static JavaRDD<byte[]> blocks(JavaSparkContext spark) {
        List<byte[]> blocks = new ArrayList<>();
        for (int partition = 0; partition < 4; partition++) {
            List<byte[]> summaries = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                summaries.add(face("p" + partition + "/" + i + ".jpg", "p" + partition, "hash-" + (partition * 9 + i)));
            }
            summaries.add(face("copies/" + partition + ".jpg", "copies", "hash-shared"));
            if (partition == 2) {
                summaries.add(RecordCodec.encode(new SkippedRecord("p2/broken.jpg", SkipReason.CORRUPT_IMAGE, "x")));
            }
            blocks.add(SummaryBlock.pack(summaries));
        }
        return spark.parallelize(blocks, blocks.size()).cache();
    }

    private static List<List<String>> shards(PassOneSummaries summaries) {
        return summaries.arranged(new ShardRows(SEED, SHARDS, null), new ShardPartitioner(SHARDS)).glom().collect()
                .stream().map(shard -> shard.stream().map(row -> RecordCodec.decodeSummary(row._2()).source())
                        .toList())
                .toList();
    }

    @Test
    void theDriverAndTheShufflesGiveTheSameCensusAndTheSameShardRowsInTheSameOrder() {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(SharedLocalSpark.session().sparkContext());
        JavaRDD<byte[]> blocks = blocks(spark);
        PassOneSummaries onDriver = PassOneSummaries.onDriver(spark, blocks);
        PassOneSummaries shuffled = PassOneSummaries.onExecutors(spark, blocks);

        Census expected = shuffled.census(DatasetKind.TRAIN);
        Census census = onDriver.census(DatasetKind.TRAIN);
        assertEquals(expected, census);
        assertEquals(Map.of("", 40L, SkipReason.CORRUPT_IMAGE.name(), 1L), census.codes());
        assertEquals(3, census.duplicates(), "four copies of hash-shared, one kept");
        assertEquals(Map.of("hash-shared", TrainingSelection.copyKey("copies", "copies/0.jpg")),
                census.keptCopyByHash());
        assertEquals(expected.codes(), onDriver.census(DatasetKind.EVAL).codes());

        List<List<String>> rows = shards(onDriver);
        assertEquals(shards(shuffled), rows);
        assertEquals(SHARDS, rows.size());
        assertEquals(40, rows.stream().mapToInt(List::size).sum(), "every face once, the skipped record in none");
        for (List<String> shard : rows) {
            assertTrue(shard.size() > 1 && !shard.equals(shard.stream().sorted().toList()),
                    "a shard in its seeded order, not by name: " + shard);
        }
    }
}
