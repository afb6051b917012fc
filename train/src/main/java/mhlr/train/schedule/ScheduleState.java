package mhlr.train.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schedule's saved state: its kind and named numbers (and, for the windowed variant, lists of numbers). It is a
 * plain record of JSON types, so a checkpoint can write it with Jackson and read it back as it is; doubles survive
 * the trip bit for bit (Jackson writes the shortest decimal that reads back to the same double).
 *
 * @param schedule the {@link LearningRateSchedule#name()} of the schedule that saved it
 * @param values numbers ({@link Number}) and lists of numbers by name
 */
public record ScheduleState(String schedule, Map<String, Object> values) {

    public ScheduleState {
        Objects.requireNonNull(schedule, "schedule");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** Starts a state of the given kind. */
    public static Builder builder(String schedule) {
        return new Builder(schedule);
    }

    /** This state, after checking that a schedule of kind {@code expected} saved it. */
    public ScheduleState requireSchedule(String expected) {
        if (!schedule.equals(expected)) {
            throw new IllegalArgumentException("cannot restore a '" + schedule + "' schedule state into a '" + expected
                    + "' schedule (did the config's schedule change since the checkpoint?)");
        }
        return this;
    }

    /** A whole number, e.g. a step or a count. */
    public long whole(String key) {
        Number number = number(key);
        long value = number.longValue();
        if (value != number.doubleValue()) {
            throw new IllegalArgumentException("schedule state '" + schedule + "': " + key + " = " + number
                    + " is not a whole number");
        }
        return value;
    }

    /** A real number, exactly as saved. */
    public double real(String key) {
        return number(key).doubleValue();
    }

    /** A list of real numbers. */
    public double[] reals(String key) {
        Object value = present(key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("schedule state '" + schedule + "': " + key + " is not a list");
        }
        double[] reals = new double[list.size()];
        for (int i = 0; i < reals.length; i++) {
            if (!(list.get(i) instanceof Number number)) {
                throw new IllegalArgumentException("schedule state '" + schedule + "': " + key + "[" + i + "] = "
                        + list.get(i) + " is not a number");
            }
            reals[i] = number.doubleValue();
        }
        return reals;
    }

    private Number number(String key) {
        Object value = present(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("schedule state '" + schedule + "': " + key + " = " + value
                    + " is not a number");
        }
        return number;
    }

    private Object present(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("schedule state '" + schedule + "' lacks " + key);
        }
        return value;
    }

    /** Collects the values of a state in the order they are put. */
    public static final class Builder {
        private final String schedule;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder(String schedule) {
            this.schedule = schedule;
        }

        public Builder put(String key, long value) {
            values.put(key, value);
            return this;
        }

        public Builder put(String key, double value) {
            values.put(key, value);
            return this;
        }

        public Builder put(String key, double[] reals) {
            List<Double> list = new ArrayList<>(reals.length);
            for (double real : reals) {
                list.add(real);
            }
            values.put(key, Collections.unmodifiableList(list));
            return this;
        }

        public ScheduleState build() {
            return new ScheduleState(schedule, values);
        }
    }
}
