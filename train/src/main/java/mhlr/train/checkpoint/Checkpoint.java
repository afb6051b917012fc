package mhlr.train.checkpoint;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One checkpoint's contents.
 *
 * @param state step, data position, schedule state and the rest of the scalar state
 * @param parameters the model's parameters and running statistics by name
 * @param optimizer the optimizer's state by name (momentum buffers, step count)
 * @param config the resolved configuration of the run, as HOCON text
 */
public record Checkpoint(TrainingState state, Map<String, INDArray> parameters, Map<String, INDArray> optimizer,
                         String config) {
}
