package mhlr.train.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.InferenceModel;
import mhlr.train.model.TrainingModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Untrained models whose every array matters: the seeded initialisation, with batch-norm running means drawn from
 * N(0, 0.1), running variances from U(0.5, 1.5) and shifts from N(0, 0.1), so that an exporter that drops or
 * misplaces any of them gives other embeddings.
 */
final class RandomModels {

    private RandomModels() {
    }

    /** A training model (two classes) with perturbed statistics. */
    static TrainingModel training(BackboneSpec spec, long seed) {
        TrainingModel model = TrainingModel.builder(spec, 2).seed(seed).build();
        Nd4j.getRandom().setSeed(seed + 100);
        Map<String, INDArray> state = model.parameters();
        for (Map.Entry<String, INDArray> entry : state.entrySet()) {
            String name = entry.getKey();
            INDArray array = entry.getValue();
            if (name.endsWith(".running_mean") || name.endsWith(".bias") && isBatchNorm(state, name)) {
                array.assign(Nd4j.randn(array.dataType(), array.shape()).muli(0.1));
            } else if (name.endsWith(".running_var")) {
                array.assign(Nd4j.rand(array.dataType(), array.shape()).addi(0.5));
            }
        }
        model.loadParameters(state);
        return model;
    }

    /** The inference model of {@link #training}. */
    static InferenceModel inference(BackboneSpec spec, long seed) {
        try {
            return InferenceModel.load(training(spec, seed).inferenceModelBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBatchNorm(Map<String, INDArray> state, String biasName) {
        String layer = biasName.substring(0, biasName.length() - ".bias".length());
        return state.containsKey(layer + ".running_mean");
    }
}
