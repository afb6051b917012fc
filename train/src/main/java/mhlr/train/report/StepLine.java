package mhlr.train.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step line: the state after {@code step} steps, written every {@code train.log-every-steps} steps and at the last.
 *
 * @param step optimizer steps done
 * @param epoch the epoch of the step (0-based)
 * @param loss this step's raw loss
 * @param lossAverage the mean loss since the previous step line (arcface_torch's {@code AverageMeter})
 * @param learningRate the rate this step used
 * @param gradientNorm the backbone's gradient norm, before clipping
 * @param imagesPerSecond training speed over the interval
 * @param dataWaitFraction the share of the interval spent waiting for a batch
 * @param schedule the schedule's own values by name (e.g. {@code mhlr.signal}), in the schedule's order
 */
public record StepLine(long step, int epoch, double loss, double lossAverage, double learningRate, double gradientNorm,
                       double imagesPerSecond, double dataWaitFraction, Map<String, Double> schedule)
        implements MetricsLine {

    public StepLine {
        schedule = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schedule));
    }
}
