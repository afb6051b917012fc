package mhlr.train.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch-norm layer of a training graph: where its batch statistics come out and how they move its running
 * statistics. PyTorch's rule: running = (1 - momentum) * running + momentum * batch, momentum 0.1, with the unbiased
 * batch variance (n / (n - 1), n = values per channel in the batch).
 *
 * @param name                 the layer name, prefix of its parameters ({@code layer1.0.bn1})
 * @param batchMeanOutput      graph variable holding the batch mean
 * @param batchVarianceOutput  graph variable holding the (biased) batch variance
 * @param channels             number of channels (features)
 * @param valuesPerImage       values per channel and image (height * width; 1 after flatten)
 */
public record BatchNormLayer(String name, String batchMeanOutput, String batchVarianceOutput, int channels,
        long valuesPerImage) {

    /** Momentum of the running statistics, as PyTorch's default. */
    public static final double MOMENTUM = 0.1;

    /** Name of the running mean in the model's state. */
    public String runningMean() {
        return name + ".running_mean";
    }

    /** Name of the running variance in the model's state. */
    public String runningVariance() {
        return name + ".running_var";
    }

    /**
     * Moves the running statistics in {@code buffers} towards this step's batch statistics.
     *
     * @param outputs   the training step's outputs, holding {@link #batchMeanOutput} and {@link #batchVarianceOutput}
     * @param batchSize images in the batch
     * @param buffers   running statistics by name, updated in place
     */
    public void updateRunningStatistics(Map<String, INDArray> outputs, long batchSize, Map<String, INDArray> buffers) {
        long n = batchSize * valuesPerImage;
        double unbias = n > 1 ? (double) n / (n - 1) : 1.0;
        INDArray mean = outputs.get(batchMeanOutput).reshape(channels);
        INDArray variance = outputs.get(batchVarianceOutput).reshape(channels);
        INDArray runningMean = buffers.get(runningMean());
        INDArray runningVariance = buffers.get(runningVariance());
        runningMean.muli(1 - MOMENTUM).addi(mean.castTo(runningMean.dataType()).mul(MOMENTUM));
        runningVariance.muli(1 - MOMENTUM).addi(variance.castTo(runningVariance.dataType()).mul(MOMENTUM * unbias));
    }
}
