package mhlr.train.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with momentum and weight decay exactly as PyTorch's {@code torch.optim.SGD}
 * (dampening 0, no Nesterov), which arcface_torch trains with (momentum 0.9, weight decay 5e-4):
 * <pre>
 *   d = gradient + weight_decay * parameter
 *   buffer = d                          (first step of a parameter)
 *   buffer = momentum * buffer + d      (later steps)
 *   parameter -= learning_rate * buffer
 * </pre>
 * The learning rate is an argument of every step, so any schedule can drive it. The momentum buffers, one per
 * parameter name, are the whole state: {@link #state()} exports them and {@link #loadState} restores them.
 */
public final class Sgd {

    private final double momentum;
    private final double weightDecay;
    private final Map<String, INDArray> buffers = new LinkedHashMap<>();

    /**
     * @param momentum    momentum factor in [0, 1)
     * @param weightDecay L2 factor added to the gradient, at least 0
     */
    public Sgd(double momentum, double weightDecay) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must not be negative, got " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** The momentum factor. */
    public double momentum() {
        return momentum;
    }

    /** The weight-decay factor. */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * Updates every parameter that has a gradient, in place.
     *
     * @param parameters   parameters by name (updated in place)
     * @param gradients    gradients by name (used as scratch space: changed)
     * @param learningRate this step's learning rate
     */
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients, double learningRate) {
        for (Map.Entry<String, INDArray> entry : gradients.entrySet()) {
            String name = entry.getKey();
            INDArray parameter = parameters.get(name);
            if (parameter == null) {
                throw new IllegalArgumentException("gradient for unknown parameter " + name);
            }
            INDArray direction = entry.getValue();
            if (weightDecay != 0) {
                Nd4j.getBlasWrapper().level1().axpy(parameter.length(), weightDecay, parameter, direction);
            }
            if (momentum != 0) {
                INDArray buffer = buffers.get(name);
                if (buffer == null) {
                    buffer = direction.dup();
                    buffers.put(name, buffer);
                } else {
                    buffer.muli(momentum).addi(direction);
                }
                direction = buffer;
            }
            Nd4j.getBlasWrapper().level1().axpy(parameter.length(), -learningRate, direction, parameter);
        }
    }

    /** Copies of the momentum buffers by parameter name (empty before the first step). */
    public Map<String, INDArray> state() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        buffers.forEach((name, buffer) -> copy.put(name, buffer.dup()));
        return Collections.unmodifiableMap(copy);
    }

    /** Replaces the momentum buffers with copies of {@code state} (as exported by {@link #state()}). */
    public void loadState(Map<String, INDArray> state) {
        buffers.clear();
        state.forEach((name, buffer) -> buffers.put(name, buffer.dup()));
    }
}
