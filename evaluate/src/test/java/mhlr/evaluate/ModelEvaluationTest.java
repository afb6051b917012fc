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
import mhlr.core.dataset.Counts;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.spark.SharedLocalSpark;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import mhlr.train.model.TrainingModel;
import mhlr.train.onnx.OnnxExport;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
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

    @Test
    void anOnnxExportOfTheModelScoresTenFoldAsTheModelDoesOnNd4j() throws IOException {
        String shared = System.getProperty("mhlr.shared.data");
        Path lfw = shared == null ? null : Path.of(shared, "lfw_a_subset");
        Assumptions.assumeTrue(lfw != null && Files.isRegularFile(lfw.resolve("pairs.txt")), "shared data absent");
        List<FacePair> all = LfwPairs.read(lfw.resolve("pairs.txt"));
        List<FacePair> pairs = new ArrayList<>();
        pairs.addAll(all.subList(0, 20));
        pairs.addAll(all.subList(300, 320));
        Path shards = writeShardSet(SharedLocalSpark.session(), lfw, pairs);
        Path mhlr = directory.resolve("model.mhlr");
        TrainingModel.builder(BackboneSpec.builder("tiny").inputSize(56).embeddingSize(16).build(), 10).seed(3).build()
                .exportInferenceModel(mhlr);
        Path onnx = directory.resolve("model.onnx");
        Files.write(onnx, OnnxExport.export(InferenceModel.load(mhlr)).toByteArray());

        JsonNode fromMhlr = evaluate(mhlr, shards, "mhlr");
        JsonNode fromOnnx = evaluate(onnx, shards, "onnx");
        double onePair = 1.0 / 40;
        assertEquals(fromMhlr.get("accuracy").get("mean").asDouble(), fromOnnx.get("accuracy").get("mean").asDouble(),
                onePair);
        assertEquals(fromMhlr.get("auc").asDouble(), fromOnnx.get("auc").asDouble(), 1e-3);
    }

    @Test
    void anOnnxExportOfTheModelScoresIjbAsTheModelDoesOnNd4j() throws IOException {
        String shared = System.getProperty("mhlr.shared.data");
        Path lfw = shared == null ? null : Path.of(shared, "lfw_a_subset");
        Assumptions.assumeTrue(lfw != null && Files.isDirectory(lfw), "shared data absent");
        int people = 12;
        Path shards = writeIjbShardSet(SharedLocalSpark.session(), lfw, people);
        Path mhlr = directory.resolve("model.mhlr");
        TrainingModel.builder(BackboneSpec.builder("tiny").inputSize(56).embeddingSize(16).build(), 10).seed(4).build()
                .exportInferenceModel(mhlr);
        Path onnx = directory.resolve("model.onnx");
        Files.write(onnx, OnnxExport.export(InferenceModel.load(mhlr)).toByteArray());

        JsonNode fromMhlr = evaluate(mhlr, shards, "ijb-mhlr");
        JsonNode fromOnnx = evaluate(onnx, shards, "ijb-onnx");
        assertEquals("ijb", fromOnnx.get("protocol").asText());
        assertEquals(people, fromOnnx.get("genuine").asLong());
        double twoGenuine = 2.0 / people;
        fromMhlr.get("tar_at_far").fields().forEachRemaining(entry -> {
            JsonNode other = fromOnnx.get("tar_at_far").get(entry.getKey());
            assertEquals(entry.getValue().isNull(), other.isNull(), "TAR at FAR " + entry.getKey());
            if (!other.isNull()) {
                assertEquals(entry.getValue().asDouble(), other.asDouble(), twoGenuine, "TAR at FAR " + entry.getKey());
            }
        });
    }

    @Test
    void aModelFileThatIsNotOnnxOrWhoseShapesDoNotFitIsRefusedNamingTheFileAndTheShape() throws IOException {
        Path shards = directory.resolve("no-shards");
        Path text = directory.resolve("notes.onnx");
        Files.writeString(text, "not a model");
        assertRefused(text, shards, text + " is not an ONNX model");
        Path volume = directory.resolve("volume.onnx");
        Files.write(volume, identityModel(new long[] {-1, 3, 56, 56}).toByteArray());
        assertRefused(volume, shards, "has shape [-1, 3, 56, 56]; a face model gives [N, D]");
        Path channelsLast = directory.resolve("nhwc.onnx");
        Files.write(channelsLast, identityModel(new long[] {-1, 56, 56, 3}).toByteArray());
        assertRefused(channelsLast, shards, "has shape [-1, 56, 56, 3]; a face model takes [N, 3, S, S]");
    }

    private void assertRefused(Path model, Path shards, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateJob.run(SharedLocalSpark.session(), new String[] {"--model", model.toString(),
            "--data", shards.toString(), "--output", directory.resolve("refused").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, stderr);
        assertTrue(stderr.contains(model.toString()) && stderr.contains(message), stderr);
        assertTrue(Files.notExists(directory.resolve("refused")));
    }

    /** A valid ONNX graph that passes its input through: input and output both of {@code shape} (-1 = open). */
    private static ModelProto identityModel(long[] shape) {
        TensorShapeProto.Builder dimensions = TensorShapeProto.newBuilder();
        for (long dimension : shape) {
            dimensions.addDim(dimension < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dimension));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(dimensions)).build();
        GraphProto graph = GraphProto.newBuilder().setName("identity")
                .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
                .addInput(ValueInfoProto.newBuilder().setName("x").setType(type))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(type)).build();
        return ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build();
    }

    /** Evaluates {@code model} on {@code shards}; a {@code model.mhlr} on ND4J, so each engine meets the other. */
    private JsonNode evaluate(Path model, Path shards, String name) throws IOException {
        Path output = directory.resolve("report-" + name);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateJob.run(SharedLocalSpark.session(), new String[] {"--model", model.toString(),
            "--data", shards.toString(), "--output", output.toString(), "--set", "evaluate.batch-size=16",
            "--set", "evaluate.engine=nd4j"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(output.resolve("report.json").toFile());
    }

    /** An evaluation shard set with one shard of the pairs' images, pairs.parquet and the manifest. */
    private Path writeShardSet(SparkSession spark, Path lfw, List<FacePair> pairs) throws IOException {
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
        List<Row> pairRows = new ArrayList<>();
        long genuine = 0;
        for (int i = 0; i < pairs.size(); i++) {
            FacePair pair = pairs.get(i);
            pairRows.add(RowFactory.create("lfw", (long) i, pair.left(), pair.right(), pair.same(), pair.fold()));
            genuine += pair.same() ? 1 : 0;
        }
        return writeShardSet(spark, "shards", images, pairRows,
                new ProtocolEntry("lfw", ProtocolEntry.TENFOLD, pairs.size(), genuine));
    }

    /**
     * An IJB-style shard set from real faces: the first {@code people} people of {@code lfw} with at least four
     * images, each with two templates of two images (one medium each), the genuine pair of each person's templates
     * and an impostor pair for every two people.
     */
    private Path writeIjbShardSet(SparkSession spark, Path lfw, int people) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(lfw)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        List<Row> images = new ArrayList<>();
        int person = 0;
        for (Path folder : folders) {
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(file -> file.toString().endsWith(".jpg")).sorted().limit(4).toList();
            }
            if (files.size() < 4 || person == people) {
                continue;
            }
            for (int i = 0; i < 4; i++) {
                String key = lfw.relativize(files.get(i)).toString();
                Row image = RowFactory.create(Files.readAllBytes(files.get(i)), null);
                images.add(RowFactory.create(key, image, key, 2 * person + i / 2, 4 * person + i, 0.9f));
            }
            person++;
        }
        Assumptions.assumeTrue(person == people, "lfw_a_subset has fewer than " + people + " people with 4 images");
        List<Row> pairs = new ArrayList<>();
        for (int a = 0; a < people; a++) {
            pairs.add(RowFactory.create("ijb", (long) pairs.size(), Integer.toString(2 * a),
                    Integer.toString(2 * a + 1), true, 0));
            for (int b = a + 1; b < people; b++) {
                pairs.add(RowFactory.create("ijb", (long) pairs.size(), Integer.toString(2 * a),
                        Integer.toString(2 * b + 1), false, 0));
            }
        }
        return writeShardSet(spark, "ijb-shards", images, pairs,
                new ProtocolEntry("ijb", ProtocolEntry.IJB, pairs.size(), people));
    }

    /** An evaluation shard set of {@code images} (shard rows) with {@code pairRows}, pairs.parquet and the manifest. */
    private Path writeShardSet(SparkSession spark, String name, List<Row> images, List<Row> pairRows,
            ProtocolEntry protocol) throws IOException {
        Path root = directory.resolve(name);
        StructType imageSchema = new StructType()
                .add(ShardSchema.KEY, DataTypes.StringType, false)
                .add(ShardSchema.IMAGE, new StructType()
                        .add(ShardSchema.BYTES, DataTypes.BinaryType, false)
                        .add(ShardSchema.PATH, DataTypes.StringType, true), false)
                .add(ShardSchema.SOURCE, DataTypes.StringType, false)
                .add(ShardSchema.TEMPLATE_ID, DataTypes.IntegerType, true)
                .add(ShardSchema.MEDIA_ID, DataTypes.IntegerType, true)
                .add(ShardSchema.DETECTOR_SCORE, DataTypes.FloatType, true);
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
                new Counts(images.size(), images.size(), 0, 0, images.size(), 0),
                List.of(ShardSet.describe(fs, folder, ShardSchema.shardName(0), images.size())),
                List.of(ShardSet.describe(fs, folder, ShardSchema.PAIRS_FILE, pairRows.size())),
                List.of(protocol), Map.of());
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
