package mhlr.evaluate;

import com.typesafe.config.Config;
import mhlr.core.cli.UsageException;
import mhlr.evaluate.embed.EmbeddingEngine;
import mhlr.evaluate.embed.OnnxInput;

/**
 * The {@code evaluate { }} block of the configuration.
 *
 * @param protocol the protocol of {@code --data} to evaluate; empty for the only one (or all with a model)
 * @param embeddingSize D: a {@code --embeddings} file has D columns, or 2D (embedding, then flip's)
 * @param batchSize images per forward pass on an executor
 * @param farTargets the FARs of the IJB read-out
 * @param partitions Spark partitions that score IJB pairs; 0 for twice the default parallelism
 * @param rocRanges score ranges (reducers) of the distributed ROC; 0 for the default parallelism
 * @param writeScores whether to write the per-pair scores as Parquet
 * @param onnx how to feed an ONNX {@code --model} whose metadata does not say ({@code evaluate.onnx { }})
 * @param engine what runs a {@code model.mhlr} ({@code evaluate.engine})
 */
public record EvaluateSettings(String protocol, int embeddingSize, int batchSize, double[] farTargets,
        int partitions, int rocRanges, boolean writeScores, OnnxInput onnx, EmbeddingEngine engine) {

    public static EvaluateSettings from(Config config) {
        Config evaluate = config.getConfig("evaluate");
        double[] fars = evaluate.getDoubleList("far-targets").stream().mapToDouble(Double::doubleValue).toArray();
        EvaluateSettings settings = new EvaluateSettings(evaluate.getString("protocol"),
                evaluate.getInt("embedding-size"), evaluate.getInt("batch-size"), fars, evaluate.getInt("partitions"),
                evaluate.getInt("roc-ranges"), evaluate.getBoolean("write-scores"), new OnnxInput(
                        evaluate.getInt("onnx.input-size"), evaluate.getDouble("onnx.input-mean"),
                        evaluate.getDouble("onnx.input-std"), evaluate.getString("onnx.color-order")),
                EmbeddingEngine.fromKey(evaluate.getString("engine")));
        if (settings.embeddingSize < 1 || settings.batchSize < 1 || settings.partitions < 0 || settings.rocRanges < 0) {
            throw new UsageException("evaluate.embedding-size and evaluate.batch-size must be positive,"
                    + " evaluate.partitions and evaluate.roc-ranges at least 0");
        }
        for (double far : fars) {
            if (!(far > 0 && far <= 1)) {
                throw new UsageException("evaluate.far-targets must lie in (0, 1], got " + far);
            }
        }
        return settings;
    }
}
