package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.prepared.SpillLocation;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.SkippedRecord;
import mhlr.spark.SharedLocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CensusTest {

    private static byte[] face(String source, String identity, String hash, int bytes) {
        FaceRecord face = FaceRecord.training(source, identity, null, null).prepared(new byte[bytes], hash);
        return RecordCodec.summaryBytes(face, new SpillLocation(0, 0, 0, RecordCodec.encode(face).length));
    }

    private static Census census(List<byte[]> summaries, int partitions) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(SharedLocalSpark.session().sparkContext());
        return Census.take(spark.parallelize(summaries, partitions));
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 7})
    void copiesAreCountedOnceWithTheSmallestCopyKeptWhateverThePartitioning(int partitions) {
        List<byte[]> summaries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            summaries.add(face("b/" + i + ".jpg", "b", "hash-b" + i, 100));
        }
        summaries.add(face("c/copy.jpg", "c", "hash-b3", 100));
        summaries.add(face("a/copy.jpg", "a", "hash-b5", 100));
        summaries.add(face("b/again.jpg", "b", "hash-b5", 100));
        summaries.add(RecordCodec.encode(new SkippedRecord("b/broken.jpg", SkipReason.CORRUPT_IMAGE, "broken")));

        Census census = census(summaries, partitions);

        assertEquals(Map.of("", 15L, SkipReason.CORRUPT_IMAGE.name(), 1L), census.codes());
        assertEquals(3, census.duplicates());
        assertEquals(Map.of("hash-b3", TrainingSelection.copyKey("b", "b/3.jpg"),
                "hash-b5", TrainingSelection.copyKey("a", "a/copy.jpg")), census.keptCopyByHash());
        assertEquals(Map.of("a", new IdentitySum(1, 100), "b", new IdentitySum(11, 1100)), census.identities());
    }
}
