package mhlr.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import mhlr.core.format.FacePair;
import mhlr.core.format.LfwPairs;
import mhlr.core.shard.Counts;
import mhlr.core.shard.DatasetKind;
import mhlr.core.shard.Manifest;
import mhlr.core.shard.ProtocolEntry;
import mhlr.core.shard.ShardSchema;
import mhlr.core.shard.ShardSet;
import mhlr.spark.SharedLocalSpark;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.TrainingModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model} end to end on the real LFW images of {@code lfw_a_subset}: an evaluation shard set in the
 * shard contract's layout (as ingest writes it) and an exported (untrained) tiny model, both named by URI
 * ({@code file:/...}), as a cluster user names them on HDFS or S3.
 */
class ModelEvaluationTest {
    @TempDir
    Path directory;

    @Test
    void embedsTheShardsWithTheModelAndScoresTenFold() throws IOException {
        String shared = System.getProperty("mhlr.shared.data");
        Path lfw = shared == null ? null : Path.of(shared, "lfw_a_subset");
        Assumptions.assumeTrue(lfw != null && Files.isRegularFile(lfw.resolve("pairs.txt")), "shared data absent");
        List<FacePair> all = LfwPairs.read(lfw.resolve("pairs.txt"));
        List<FacePair> pairs = new ArrayList<>();
        pairs.addAll(all.subList(0, 15));
        pairs.addAll(all.subList(300, 315));
        Path shards = writeShardSet(SharedLocalSpark.session(), lfw, pairs);
        Path model = directory.resolve("model.bin");
        TrainingModel.builder(BackboneSpec.builder("tiny").inputSize(56).embeddingSize(16).build(), 10).build()
                .exportInferenceModel(model);
        Path output = directory.resolve("report");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateJob.run(SharedLocalSpark.session(), new String[] {"--model", model.toUri().toString(),
            "--data", shards.toUri().toString(), "--output", output.toString(), "--set", "evaluate.batch-size=16"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode report = new ObjectMapper().readTree(output.resolve("report.json").toFile());
        assertEquals("tenfold", report.get("protocol").asText());
        assertEquals(30, report.get("pairs").asLong());
        double accuracy = report.get("accuracy").get("mean").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
    }

    /** An evaluation shard set with one shard of the pairs' images, pairs.parquet and the manifest. */
    private Path writeShardSet(SparkSession spark, Path lfw, List<FacePair> pairs) throws IOException {
        Path root = directory.resolve("shards");
        Set<String> keys = new LinkedHashSet<>();
        for (FacePair pair : pairs) {
            keys.add(pair.left());
            keys.add(pair.right());
        }
        List<Row> images = new ArrayList<>();
        for (String key : keys) {
            Row image = RowFactory.create(Files.readAllBytes(lfw.resolve(key)), null);
            images.add(RowFactory.create(key, image, key, null, null, null));
        }
        StructType imageSchema = new StructType()
                .add(ShardSchema.KEY, DataTypes.StringType, false)
                .add(ShardSchema.IMAGE, new StructType()
                        .add(ShardSchema.BYTES, DataTypes.BinaryType, false)
                        .add(ShardSchema.PATH, DataTypes.StringType, true), false)
                .add(ShardSchema.SOURCE, DataTypes.StringType, false)
                .add(ShardSchema.TEMPLATE_ID, DataTypes.IntegerType, true)
                .add(ShardSchema.MEDIA_ID, DataTypes.IntegerType, true)
                .add(ShardSchema.DETECTOR_SCORE, DataTypes.FloatType, true);
        List<Row> pairRows = new ArrayList<>();
        long genuine = 0;
        for (int i = 0; i < pairs.size(); i++) {
            FacePair pair = pairs.get(i);
            pairRows.add(RowFactory.create("lfw", (long) i, pair.left(), pair.right(), pair.same(), pair.fold()));
            genuine += pair.same() ? 1 : 0;
        }
        StructType pairSchema = new StructType()
                .add(ShardSchema.PROTOCOL, DataTypes.StringType, false)
                .add(ShardSchema.PAIR_INDEX, DataTypes.LongType, false)
                .add(ShardSchema.LEFT, DataTypes.StringType, false)
                .add(ShardSchema.RIGHT, DataTypes.StringType, false)
                .add(ShardSchema.SAME, DataTypes.BooleanType, false)
                .add(ShardSchema.FOLD, DataTypes.IntegerType, false);
        singleFile(spark.createDataFrame(images, imageSchema), root, ShardSchema.shardName(0));
        singleFile(spark.createDataFrame(pairRows, pairSchema), root, ShardSchema.PAIRS_FILE);
        FileSystem fs = FileSystem.getLocal(new Configuration());
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(root.toUri());
        Manifest manifest = new Manifest(ShardSchema.VERSION, DatasetKind.EVAL,
                new Counts(keys.size(), keys.size(), 0, 0, keys.size(), 0),
                List.of(ShardSet.describe(fs, folder, ShardSchema.shardName(0), keys.size())),
                List.of(ShardSet.describe(fs, folder, ShardSchema.PAIRS_FILE, pairs.size())),
                List.of(new ProtocolEntry("lfw", ProtocolEntry.TENFOLD, pairs.size(), genuine)), Map.of());
        Files.write(root.resolve(ShardSchema.MANIFEST_FILE), manifest.toJson());
        return root;
    }

    private void singleFile(Dataset<Row> rows, Path root, String name) throws IOException {
        Path scratch = directory.resolve("scratch-" + name.replace('/', '-'));
        rows.coalesce(1).write().parquet(scratch.toString());
        Files.createDirectories(root.resolve(name).getParent());
        try (Stream<Path> files = Files.list(scratch)) {
            Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.move(part, root.resolve(name));
        }
    }
}
