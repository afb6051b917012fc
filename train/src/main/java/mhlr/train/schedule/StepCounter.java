package mhlr.train.schedule;

/** The next step a schedule expects to observe; refuses a step out of order, which would skew every decision. */
final class StepCounter {
    private final String schedule;
    private long next;

    StepCounter(String schedule) {
        this.schedule = schedule;
    }

    /** The step whose rate {@link LearningRateSchedule#learningRate()} gives. */
    long next() {
        return next;
    }

    /** Accepts the observation of {@code step}, which must be the expected one. */
    void advance(long step) {
        if (step != next) {
            throw new IllegalArgumentException(schedule + ": observed step " + step + " but the next step is " + next
                    + " (steps are 0-based and observed once each, in order)");
        }
        next++;
    }

    void save(ScheduleState.Builder state) {
        state.put("next-step", next);
    }

    void restore(ScheduleState state) {
        long saved = state.whole("next-step");
        if (saved < 0) {
            throw new IllegalArgumentException("schedule state '" + schedule + "': next-step " + saved + " < 0");
        }
        next = saved;
    }
}
