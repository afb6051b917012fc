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

    /** A state of the current {@link #FORMAT}, field by field. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TrainingState}; every field but the verification accuracies must be set. */
    public static final class Builder {
        private long step;
        private DataPosition position;
        private long seed;
        private ScheduleState schedule;
        private Map<String, Double> verificationHighest = Map.of();
        private double intervalLossSum;
        private long intervalSteps;
        private long images;
        private int classes;

        private Builder() {
        }

        /** Optimizer steps done. */
        public Builder step(long value) {
            this.step = value;
            return this;
        }

        /** Where the data continues: the next batch. */
        public Builder position(DataPosition value) {
            this.position = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder schedule(ScheduleState value) {
            this.schedule = value;
            return this;
        }

        public Builder verificationHighest(Map<String, Double> value) {
            this.verificationHighest = value;
            return this;
        }

        /** The logging interval so far: the sum of its losses and its steps. */
        public Builder interval(double lossSum, long steps) {
            this.intervalLossSum = lossSum;
            this.intervalSteps = steps;
            return this;
        }

        /** The training set: its images and classes. */
        public Builder trainingSet(long imageCount, int classCount) {
            this.images = imageCount;
            this.classes = classCount;
            return this;
        }

        public TrainingState build() {
            if (position == null || schedule == null) {
                throw new IllegalStateException("a training state needs its data position and schedule state");
            }
            return new TrainingState(FORMAT, step, position.epoch(), position.batch(), seed, schedule,
                    verificationHighest, intervalLossSum, intervalSteps, images, classes);
        }
    }
}
