package mhlr.train.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Backpropagation written into the graph: every layer of a training graph records how to turn the gradient of its
 * output into gradients of its input and parameters (ND4J's oneDNN-backed {@code conv2d_bp} and
 * {@code depthwise_conv2d_bp}, the batch-norm derivative in a few elementwise passes, ...). {@link #backpropagate}
 * then adds the backward ops in reverse order, so that one execution of the graph yields the loss, the batch
 * statistics and every parameter gradient.
 *
 * <p>Why not SameDiff's own differentiation ({@code calculateGradients})? In 1.0.0-M2.1 it cannot differentiate
 * {@code batchnorm} (the gradient graph loses the op's axis), so batch norm had to be spelt out in primitives whose
 * automatic derivative costs about twenty elementwise passes per layer, and its gradient session released none of
 * its arrays for reuse; measured side by side, a step was several times slower than with this tape. Each recorded
 * backward is checked against finite differences in the tests.
 */
public final class GradientTape {

    /** How a recorded op passes gradient back. */
    @FunctionalInterface
    public interface Backward {
        /** Adds the gradient ops of one forward op, given the gradient of its output. */
        void apply(SDVariable outputGradient, GradientTape tape);
    }

    private record Entry(SDVariable output, Backward backward) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, SDVariable> pending = new HashMap<>();
    private final Map<String, SDVariable> parameterGradients = new LinkedHashMap<>();

    /** Records a forward op producing {@code output}; its backward runs once the output has a gradient. */
    public void record(SDVariable output, Backward backward) {
        entries.add(new Entry(output, backward));
    }

    /** Adds {@code gradient} to the gradient of {@code value} (a value used twice gets the sum). */
    public void addGradient(SDVariable value, SDVariable gradient) {
        pending.merge(value.name(), gradient, SDVariable::add);
    }

    /** Sets the gradient of a parameter, by parameter name. */
    public void addParameterGradient(String parameter, SDVariable gradient) {
        parameterGradients.merge(parameter, gradient, SDVariable::add);
    }

    /**
     * Adds the backward ops of every recorded op, newest first, starting from the gradient of {@code output}.
     *
     * @return gradient variables by parameter name
     */
    public Map<String, SDVariable> backpropagate(SDVariable output, SDVariable outputGradient) {
        addGradient(output, outputGradient);
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            SDVariable gradient = pending.remove(entry.output().name());
            if (gradient != null) {
                entry.backward().apply(gradient, this);
            }
        }
        return Collections.unmodifiableMap(parameterGradients);
    }
}
