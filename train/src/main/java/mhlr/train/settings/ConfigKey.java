package mhlr.train.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import mhlr.core.cli.UsageException;

/**
 * One config key, declared once: its path, how its value is read (the type), what it must satisfy (the check) and
 * whether a resumed run may change it, in the spirit of Spark's {@code SQLConf.buildConf}. Its default and its
 * documentation are its line and comment in {@code conf/base.conf}, from which {@code docs/CONFIG.md} is generated.
 *
 * <pre>{@code
 * ConfigKey<Integer> BATCH_SIZE = ConfigKey.integer("train.batch-size").atLeast(2);
 * int batchSize = BATCH_SIZE.read(config);   // a UsageException naming the key when it is not a number >= 2
 * }</pre>
 *
 * @param path the key's path, e.g. {@code train.batch-size}
 * @param reader reads the value at the path (a {@link ConfigException} for a missing key or a wrong type)
 * @param problem what is wrong with a value read, or null when it is fine
 * @param mayChangeOnResume whether {@code bin/train --resume} accepts another value than the checkpoint's (keys that
 *     change only speed or reporting)
 * @param <T> the value's type
 */
public record ConfigKey<T>(String path, BiFunction<Config, String, T> reader, Function<T, String> problem,
                           boolean mayChangeOnResume) {

    /** A whole number that fits an {@code int}. */
    public static ConfigKey<Integer> integer(String path) {
        return new ConfigKey<>(path, Config::getInt, value -> null, false);
    }

    /** A whole number (a {@code long}). */
    public static ConfigKey<Long> whole(String path) {
        return new ConfigKey<>(path, Config::getLong, value -> null, false);
    }

    /** A number. */
    public static ConfigKey<Double> real(String path) {
        return new ConfigKey<>(path, Config::getDouble, value -> null, false);
    }

    /** A boolean. */
    public static ConfigKey<Boolean> flag(String path) {
        return new ConfigKey<>(path, Config::getBoolean, value -> null, false);
    }

    /** A string. */
    public static ConfigKey<String> text(String path) {
        return new ConfigKey<>(path, Config::getString, value -> null, false);
    }

    /** A list of strings. */
    public static ConfigKey<List<String>> texts(String path) {
        return new ConfigKey<>(path, (config, key) -> List.copyOf(config.getStringList(key)), value -> null, false);
    }

    /** A list of numbers. */
    public static ConfigKey<List<Double>> reals(String path) {
        return new ConfigKey<>(path, (config, key) -> List.copyOf(config.getDoubleList(key)), value -> null, false);
    }

    /**
     * The value turned into another type as it is read (e.g. a name into an enum constant); {@code convert} throws a
     * {@link UsageException} naming the key for a value it does not know. Comes before any check.
     */
    public <R> ConfigKey<R> as(Function<T, R> convert) {
        return new ConfigKey<>(path, (config, key) -> convert.apply(reader.apply(config, key)), value -> null,
                mayChangeOnResume);
    }

    /** Refuses a number under {@code minimum}: "KEY must be at least MINIMUM, got VALUE". */
    public ConfigKey<T> atLeast(long minimum) {
        return check(value -> ((Number) value).longValue() >= minimum,
                value -> path + " must be at least " + minimum + ", got " + value);
    }

    /** Refuses a value {@code valid} rejects, with the message {@code explain} gives for it. */
    public ConfigKey<T> check(Predicate<T> valid, Function<T, String> explain) {
        Function<T, String> before = problem;
        return new ConfigKey<>(path, reader, value -> {
            String earlier = before.apply(value);
            return earlier != null ? earlier : valid.test(value) ? null : explain.apply(value);
        }, mayChangeOnResume);
    }

    /** The key changes only speed or reporting: a resumed run may give it another value. */
    public ConfigKey<T> resumable() {
        return new ConfigKey<>(path, reader, problem, true);
    }

    /**
     * The checked value of this key in {@code config}.
     *
     * @throws UsageException naming the key when it is missing, of the wrong type or fails the check
     */
    public T read(Config config) {
        T value;
        try {
            value = reader.apply(config, path);
        } catch (ConfigException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
        String wrong = problem.apply(value);
        if (wrong != null) {
            throw new UsageException(wrong);
        }
        return value;
    }
}
