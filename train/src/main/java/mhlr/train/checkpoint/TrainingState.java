package mhlr.train.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import mhlr.train.data.DataPosition;
import mhlr.train.schedule.ScheduleState;

/**
 * The scalar part of a checkpoint ({@code state.json}).
 *
 * @param format {@link #FORMAT} when written; other values are refused
 * @param step optimizer steps done
 * @param epoch the epoch of the next batch (0-based)
 * @param batch the next batch within that epoch (0-based)
 * @param seed the run's seed, which with the position fixes all data randomness
 * @param schedule the learning-rate schedule's state
 * @param verificationHighest the best ten-fold accuracy of each verification set so far
 * @param intervalLossSum sum of the losses since the last metrics line
 * @param intervalSteps steps since the last metrics line
 * @param images images in the training set the run reads
 * @param classes classes in that set
 */
public record TrainingState(
        @JsonProperty("format") int format,
        @JsonProperty("step") long step,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("batch") long batch,
        @JsonProperty("seed") long seed,
        @JsonProperty("schedule") ScheduleState schedule,
        @JsonProperty("verification_highest") Map<String, Double> verificationHighest,
        @JsonProperty("interval_loss_sum") double intervalLossSum,
        @JsonProperty("interval_steps") long intervalSteps,
        @JsonProperty("images") long images,
        @JsonProperty("classes") int classes) {

    /** Bumped when the checkpoint layout changes. */
    public static final int FORMAT = 1;

    public TrainingState {
        verificationHighest = verificationHighest == null ? Map.of() : new TreeMap<>(verificationHighest);
    }

    /** Where the data continues. */
    public DataPosition position() {
        return new DataPosition(epoch, batch);
    }
}
