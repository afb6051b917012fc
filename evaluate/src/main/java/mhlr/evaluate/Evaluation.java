package mhlr.evaluate;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import mhlr.core.cli.UsageException;
import mhlr.core.format.FacePair;
import mhlr.core.verification.TenFold;
import mhlr.evaluate.embed.EmbeddedImage;
import mhlr.evaluate.embed.ShardEmbedder;
import mhlr.evaluate.embed.FeatureMatrix;
import mhlr.evaluate.embed.NpyFile;
import mhlr.evaluate.identification.IdentificationResult;
import mhlr.evaluate.identification.IdentificationTemplates;
import mhlr.evaluate.identification.OneToN;
import mhlr.evaluate.protocol.IjbProtocol;
import mhlr.evaluate.protocol.IjbResult;
import mhlr.evaluate.protocol.IjbVerification;
import mhlr.evaluate.protocol.TemplateFeatures;
import mhlr.evaluate.protocol.TemplatePairs;
import mhlr.evaluate.protocol.TemplatePooling;
import mhlr.evaluate.protocol.TenFoldFeatures;
import mhlr.evaluate.protocol.TenFoldProtocol;
import mhlr.evaluate.protocol.TenFoldResult;
import mhlr.evaluate.protocol.VerificationProtocol;
import mhlr.evaluate.report.CmcPlot;
import mhlr.evaluate.report.MarkdownReport;
import mhlr.evaluate.report.ReportJson;
import mhlr.evaluate.report.RocPlot;
import mhlr.evaluate.report.ScoreParquet;
import mhlr.evaluate.roc.Roc;
import mhlr.evaluate.roc.RocCurve;
import mhlr.spark.DriverProgress;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/** Evaluates one protocol and writes its report files into the staging directory of the output. */
final class Evaluation {
    private final Supplier<SparkSession> session;
    private final EvaluateSettings settings;
    private final HadoopAtomicOutput output;
    private final Configuration hadoop;
    private final PrintStream log;

    /** @param session the Spark session, asked for only when a step needs it (it may still be starting) */
    Evaluation(Supplier<SparkSession> session, EvaluateSettings settings, HadoopAtomicOutput output,
            Configuration hadoop, PrintStream log) {
        this.session = session;
        this.settings = settings;
        this.output = output;
        this.hadoop = hadoop;
        this.log = log;
    }

    private JavaSparkContext spark() {
        return JavaSparkContext.fromSparkContext(session.get().sparkContext());
    }

    /** Runs the protocol; files go under {@code directory} ("" or "NAME/"); returns its Markdown report. */
    String run(VerificationProtocol protocol, EvaluationData data, Optional<Path> embeddings, Optional<byte[]> model,
            String directory) {
        if (protocol.pairs() == 0) {
            throw new UsageException(protocol.name() + ": the protocol lists no pairs");
        }
        log.println(EvaluateJob.COMMAND + ": " + protocol.name() + ", " + protocol.pairs() + " pairs");
        if (protocol instanceof TenFoldProtocol tenFold) {
            return tenFold(tenFold, data, embeddings, model, directory);
        }
        return ijb((IjbProtocol) protocol, data, embeddings, model, directory);
    }

    private String tenFold(TenFoldProtocol protocol, EvaluationData data, Optional<Path> embeddings,
            Optional<byte[]> model, String directory) {
        List<FacePair> pairs = protocol.facePairs();
        if (pairs.size() < TenFold.FOLDS) {
            throw new UsageException(protocol.name() + " has " + pairs.size() + " pairs; 10-fold needs at least "
                    + TenFold.FOLDS);
        }
        double[] distances;
        if (embeddings.isPresent()) {
            distances = TenFoldFeatures.fromRows(npy(embeddings.get()), pairs.size(), embeddings.get().toString());
        } else {
            Map<String, float[]> byKey = new HashMap<>();
            for (EmbeddedImage image : embed(data, model.get())) {
                byKey.put(image.key(), image.features());
            }
            int dimension = byKey.isEmpty() ? 0 : byKey.values().iterator().next().length / 2;
            distances = TenFoldFeatures.fromKeys(pairs, byKey, dimension);
        }
        boolean[] same = new boolean[pairs.size()];
        String[] left = new String[pairs.size()];
        String[] right = new String[pairs.size()];
        for (int i = 0; i < same.length; i++) {
            same[i] = pairs.get(i).same();
            left[i] = pairs.get(i).left();
            right[i] = pairs.get(i).right();
        }
        TenFoldResult result = TenFoldResult.of(distances, same);
        output.writeFile(directory + "report.json", ReportJson.tenFold(result));
        String markdown = MarkdownReport.tenFold(protocol.name(), result);
        output.writeFile(directory + MarkdownReport.FILE, markdown.getBytes(StandardCharsets.UTF_8));
        double[] scores = new double[distances.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -distances[i];
        }
        RocCurve curve = Roc.curve(scores, same);
        double lowest = curve.impostors() == 0 ? 1e-4 : Math.min(1e-2, 1.0 / curve.impostors());
        output.writeFile(directory + "roc.png", RocPlot.png(protocol.name() + " ROC (score = -distance)",
                curve.falsePositiveRates(), curve.truePositiveRates(), lowest));
        if (settings.writeScores()) {
            int[] folds = foldOfEachPair(pairs.size());
            ScoreParquet.writeTenFold(output.staged(directory + "scores/part-00000.parquet"),
                    hadoop, left, right, same, folds, distances);
        }
        log.printf(Locale.ROOT, "%s: %s accuracy %.4f +- %.4f%n", EvaluateJob.COMMAND, protocol.name(),
                result.accuracyMean(), result.accuracyStd());
        return markdown;
    }

    private static int[] foldOfEachPair(int pairs) {
        int[] folds = new int[pairs];
        int[] starts = TenFold.foldStarts(pairs);
        for (int fold = 0; fold < TenFold.FOLDS; fold++) {
            Arrays.fill(folds, starts[fold], starts[fold + 1], fold);
        }
        return folds;
    }

    private String ijb(IjbProtocol protocol, EvaluationData data, Optional<Path> embeddings, Optional<byte[]> model,
            String directory) {
        FeatureMatrix features;
        if (embeddings.isPresent()) {
            features = npy(embeddings.get());
            if (features.rows() != protocol.faces()) {
                throw new UsageException(embeddings.get() + " has " + features.rows() + " rows but "
                        + protocol.name() + " lists " + protocol.faces() + " faces (one row per "
                        + (data.shards().isPresent() ? "face of the shard set, in the order bin/embed writes"
                                : "line of " + protocol.name() + "_face_tid_mid.txt, in its order") + ")");
            }
        } else {
            features = fromModel(protocol, embed(data, model.get()));
        }
        TemplateFeatures templates = TemplatePooling.pool(features, protocol.templateIds(), protocol.mediaIds(),
                protocol.detectorScores());
        TemplatePairs pairs = TemplatePairs.resolve(protocol.leftTemplates(), protocol.rightTemplates(),
                protocol.same(), templates, protocol.name() + " template pairs");
        Optional<IdentificationTemplates> oneToN = protocol.identification()
                .map(lists -> IdentificationTemplates.of(protocol.name(), lists, templates));
        IjbVerification.warmUp(templates, pairs);
        JavaSparkContext spark = spark();
        int parallelism = spark.defaultParallelism();
        int partitions = settings.partitions() > 0 ? settings.partitions() : 2 * parallelism;
        int ranges = settings.rocRanges() > 0 ? settings.rocRanges() : parallelism;
        Optional<IjbVerification.ScoreWriter> writer = Optional.empty();
        if (settings.writeScores()) {
            String scores = output.staged(directory + "scores").toString();
            SerializableConfiguration executorHadoop = new SerializableConfiguration(hadoop);
            writer = Optional.of((block, blockScores, templateIds) -> {
                int[] left = new int[block.size()];
                int[] right = new int[block.size()];
                for (int i = 0; i < left.length; i++) {
                    left[i] = templateIds[block.left()[i]];
                    right[i] = templateIds[block.right()[i]];
                }
                String name = String.format("part-%05d.parquet", TaskContext.getPartitionId());
                ScoreParquet.writeIjb(new org.apache.hadoop.fs.Path(scores, name), executorHadoop.value(),
                        block.firstPair(), left, right, block.same(), blockScores);
            });
        }
        IjbResult result = IjbVerification.evaluate(spark, templates, pairs, partitions,
                new IjbVerification.Options(ranges, settings.farTargets()), writer);
        Optional<IdentificationResult> identification = oneToN.map(sides -> {
            log.println(EvaluateJob.COMMAND + ": " + protocol.name() + " 1:N, " + sides.probes().size()
                    + " probes against " + sides.gallery().size() + " gallery templates");
            return OneToN.evaluate(spark, sides.gallery(), sides.probes(), sides.mates(), partitions);
        });
        output.writeFile(directory + "report.json", ReportJson.ijb(result, identification));
        String markdown = MarkdownReport.ijb(protocol.name(), result)
                + identification.map(figures -> MarkdownReport.identification(protocol.name(), figures)).orElse("");
        identification.ifPresent(figures -> output.writeFile(directory + "cmc.png",
                CmcPlot.png(protocol.name() + " 1:N CMC", figures.cmc())));
        output.writeFile(directory + MarkdownReport.FILE, markdown.getBytes(StandardCharsets.UTF_8));
        output.writeFile(directory + "roc.png", RocPlot.png(protocol.name() + " 1:1 ROC", result.curveFars(),
                result.curveTars(), 1e-7));
        log.print(markdown);
        return markdown;
    }

    private List<EmbeddedImage> embed(EvaluationData data, byte[] model) {
        if (data.shards().isEmpty()) {
            throw new UsageException("--model embeds the images of an evaluation shard set: give the output of"
                    + " bin/ingest as --data (protocol files alone need --embeddings)");
        }
        SparkSession spark = session.get();
        try (DriverProgress progress = DriverProgress.start(spark.sparkContext(), "evaluate", "images",
                Duration.ofSeconds(10), log)) {
            progress.expect(data.shards().get().manifest().counts().written());
            return ShardEmbedder.embed(spark(), spark.read().parquet(data.shards().get().shardPaths()
                    .toArray(String[]::new)), model, settings.onnx(),
                    settings.batchSize(), progress.counter())
                    .collect();
        }
    }

    /** The protocol's faces in its order, from embeddings by key. */
    private static FeatureMatrix fromModel(IjbProtocol protocol, List<EmbeddedImage> images) {
        Map<String, float[]> byKey = new HashMap<>();
        for (EmbeddedImage image : images) {
            byKey.put(image.key(), image.features());
        }
        int columns = images.isEmpty() ? 0 : images.get(0).features().length;
        float[] values = new float[Math.multiplyExact(protocol.faces(), columns)];
        for (int i = 0; i < protocol.faces(); i++) {
            float[] row = byKey.get(protocol.images()[i]);
            System.arraycopy(row, 0, values, i * columns, columns);
        }
        return FeatureMatrix.of(values, protocol.faces(), columns, true);
    }

    /** A {@code .npy} whose columns are D (no flip) or 2D (embedding, then flip's), D from the settings. */
    private FeatureMatrix npy(Path file) {
        FeatureMatrix matrix = NpyFile.read(file, false);
        int dimension = settings.embeddingSize();
        if (matrix.columns() == 2 * dimension) {
            return matrix.asFlipConcatenated();
        }
        if (matrix.columns() != dimension) {
            throw new UsageException(file + " has " + matrix.columns() + " columns; with evaluate.embedding-size="
                    + dimension + " rows must have " + dimension + " (embedding) or " + 2 * dimension
                    + " (embedding, then flip's) columns");
        }
        return matrix;
    }
}
