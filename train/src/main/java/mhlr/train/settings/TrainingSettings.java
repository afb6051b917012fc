package mhlr.train.settings;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.ShardSet;
import mhlr.train.data.DataOptions;
import mhlr.train.model.Backbones;

/**
 * Everything {@code bin/train} and {@code bin/mhlr-replay} take from the config ({@code seed}, {@code train { }},
 * {@code mhlr { }}), read once and checked by {@link #read}: the only reader of those blocks. Each key is declared
 * here once, as a {@link ConfigKey} constant (its type, its check, whether a resumed run may change it); its default
 * and its documentation are in {@code conf/base.conf}. Immutable; downstream code asks for a key's value with
 * {@link #get}, as Spark's {@code conf.getConf(SQLConf.X)}.
 *
 * <p>Adding a key: a constant here (and {@link #KEYS} takes it), its line with a comment in {@code conf/base.conf},
 * {@code docs/CONFIG.md} regenerated ({@code ConfigReferenceTest} fails until it is), then {@code get(KEY)} where it
 * is used. {@code ResumeCheck} derives from the same declarations which keys a resumed run may change.
 */
public final class TrainingSettings {
    private static final List<ConfigKey<?>> DECLARED = new ArrayList<>();

    public static final ConfigKey<Long> SEED = declare(ConfigKey.whole("seed"));

    public static final ConfigKey<String> BACKBONE = declare(ConfigKey.text("train.backbone").check(
            name -> Backbones.names().contains(name) || name.equals("mbf"),
            name -> "train.backbone: unknown backbone '" + name + "' (one of " + String.join(", ", Backbones.names())
                    + ")"));
    public static final ConfigKey<Integer> IMAGE_SIZE = declare(ConfigKey.integer("train.image-size").atLeast(1));
    public static final ConfigKey<Integer> EMBEDDING_SIZE = declare(ConfigKey.integer("train.embedding-size"));
    public static final ConfigKey<Double> DROPOUT = declare(ConfigKey.real("train.dropout"));
    public static final ConfigKey<String> INIT_FROM = declare(ConfigKey.text("train.init-from"));

    public static final ConfigKey<String> LOSS_TYPE = declare(ConfigKey.text("train.loss.type")
            .as(type -> type.toLowerCase(Locale.ROOT))
            .check(type -> List.of("arcface", "cosface", "combined").contains(type),
                    type -> "train.loss.type: '" + type + "' is not arcface, cosface or combined"));
    public static final ConfigKey<Double> LOSS_SCALE = declare(ConfigKey.real("train.loss.scale"));
    public static final ConfigKey<Double> LOSS_M1 = declare(ConfigKey.real("train.loss.m1"));
    public static final ConfigKey<Double> LOSS_M2 = declare(ConfigKey.real("train.loss.m2"));
    public static final ConfigKey<Double> LOSS_M3 = declare(ConfigKey.real("train.loss.m3"));
    public static final ConfigKey<String> LOSS_GRADIENT = declare(ConfigKey.text("train.loss.gradient"));
    public static final ConfigKey<Double> LOSS_SAMPLE_RATE = declare(ConfigKey.real("train.loss.sample-rate"));

    public static final ConfigKey<Integer> BATCH_SIZE = declare(ConfigKey.integer("train.batch-size").atLeast(2));
    public static final ConfigKey<Integer> EPOCHS = declare(ConfigKey.integer("train.epochs").atLeast(1));
    public static final ConfigKey<Double> LEARNING_RATE = declare(ConfigKey.real("train.learning-rate"));
    public static final ConfigKey<Double> MOMENTUM = declare(ConfigKey.real("train.momentum"));
    public static final ConfigKey<Double> WEIGHT_DECAY = declare(ConfigKey.real("train.weight-decay"));
    public static final ConfigKey<Double> GRADIENT_CLIP = declare(ConfigKey.real("train.gradient-clip"));

    public static final ConfigKey<Integer> DECODE_THREADS = declare(ConfigKey.integer("train.data.decode-threads")
            .atLeast(1).resumable());
    public static final ConfigKey<Integer> SHUFFLE_BUFFER = declare(ConfigKey.integer("train.data.shuffle-buffer")
            .atLeast(1));
    public static final ConfigKey<Integer> PREFETCH_BATCHES = declare(
            ConfigKey.integer("train.data.prefetch-batches").atLeast(1).resumable());
    public static final ConfigKey<Boolean> FLIP = declare(ConfigKey.flag("train.data.flip"));
    public static final ConfigKey<ShardSet.Check> VERIFY = declare(ConfigKey.text("train.data.verify")
            .as(TrainingSettings::shardCheck).resumable());

    public static final ConfigKey<Long> CHECKPOINT_EVERY_STEPS = declare(
            ConfigKey.whole("train.checkpoint.every-steps").atLeast(0).resumable());
    public static final ConfigKey<Integer> CHECKPOINT_KEEP = declare(ConfigKey.integer("train.checkpoint.keep")
            .atLeast(1).resumable());
    public static final ConfigKey<Long> VERIFICATION_EVERY_STEPS = declare(
            ConfigKey.whole("train.verification.every-steps").atLeast(0).resumable());
    public static final ConfigKey<List<String>> VERIFICATION_SETS = declare(
            ConfigKey.texts("train.verification.sets").resumable());
    public static final ConfigKey<Integer> VERIFICATION_BATCH_SIZE = declare(
            ConfigKey.integer("train.verification.batch-size").atLeast(1).resumable());
    public static final ConfigKey<Integer> LOG_EVERY_STEPS = declare(ConfigKey.integer("train.log-every-steps")
            .atLeast(1).resumable());

    /** The names {@code train.schedule.name} accepts. */
    public static final List<String> SCHEDULE_NAMES = List.of("mhlr", "polynomial", "multistep", "cosine",
            "constant");
    public static final ConfigKey<String> SCHEDULE = declare(ConfigKey.text("train.schedule.name").check(
            SCHEDULE_NAMES::contains, name -> "train.schedule.name: unknown schedule '" + name + "' (one of "
                    + String.join(", ", SCHEDULE_NAMES) + ")"));
    public static final ConfigKey<Long> WARMUP_STEPS = declare(ConfigKey.whole("train.schedule.warmup-steps"));
    public static final ConfigKey<Double> POWER = declare(ConfigKey.real("train.schedule.power"));
    public static final ConfigKey<List<Double>> MILESTONES = declare(ConfigKey.reals("train.schedule.milestones"));
    public static final ConfigKey<Double> GAMMA = declare(ConfigKey.real("train.schedule.gamma"));

    public static final ConfigKey<String> MHLR_VARIANT = declare(ConfigKey.text("mhlr.variant").check(
            variant -> List.of("ema-haar", "cascaded", "windowed").contains(variant),
            variant -> "mhlr.variant: unknown variant '" + variant + "' (one of ema-haar, cascaded, windowed)"));
    public static final ConfigKey<String> MHLR_PARAMETRISATION = declare(ConfigKey.text("mhlr.parametrisation")
            .as(name -> name.toLowerCase(Locale.ROOT))
            .check(name -> name.equals("absolute") || name.equals("relative"),
                    name -> "mhlr.parametrisation: '" + name + "' is not absolute or relative"));
    public static final ConfigKey<Long> MHLR_REFERENCE_STEPS = declare(ConfigKey.whole("mhlr.reference-steps"));
    public static final ConfigKey<Double> MHLR_ALPHA = declare(ConfigKey.real("mhlr.alpha"));
    public static final ConfigKey<Double> MHLR_BETA = declare(ConfigKey.real("mhlr.beta"));
    public static final ConfigKey<Double> MHLR_LAMBDA = declare(ConfigKey.real("mhlr.lambda"));
    public static final ConfigKey<Double> MHLR_TAU = declare(ConfigKey.real("mhlr.tau"));
    public static final ConfigKey<Double> MHLR_DELTA = declare(ConfigKey.real("mhlr.delta"));
    public static final ConfigKey<Integer> MHLR_MAX_DECAYS = declare(ConfigKey.integer("mhlr.max-decays"));
    public static final ConfigKey<Integer> MHLR_WINDOW = declare(ConfigKey.integer("mhlr.window"));
    public static final ConfigKey<Double> MHLR_WINDOW_THRESHOLD = declare(ConfigKey.real("mhlr.window-threshold"));
    public static final ConfigKey<Integer> MHLR_WINDOW_STREAK = declare(ConfigKey.integer("mhlr.window-streak"));
    public static final ConfigKey<Double> MHLR_WINDOW_BOUNCE = declare(ConfigKey.real("mhlr.window-bounce"));

    /** Every declared key, in declaration order. */
    public static final List<ConfigKey<?>> KEYS = List.copyOf(DECLARED);

    private final Map<String, Object> values;

    private TrainingSettings(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Reads and checks every declared key of {@code config}.
     *
     * @throws UsageException naming the first key that is missing, of the wrong type or out of range
     */
    public static TrainingSettings read(Config config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : KEYS) {
            values.put(key.path(), key.read(config));
        }
        return new TrainingSettings(values);
    }

    /** The value of a declared key. */
    public <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key.path())) {
            throw new IllegalArgumentException(key.path() + " is not a training key");
        }
        @SuppressWarnings("unchecked")
        T value = (T) values.get(key.path());
        return value;
    }

    /** The keys a resumed run may change (they change only speed or reporting). */
    public static List<String> mayChangeOnResume() {
        return KEYS.stream().filter(ConfigKey::mayChangeOnResume).map(ConfigKey::path).toList();
    }

    /** The config's top-level blocks the declared keys live in ({@code seed}, {@code train}, {@code mhlr}). */
    public static Set<String> roots() {
        Set<String> roots = new TreeSet<>();
        KEYS.forEach(key -> roots.add(key.path().split("\\.", 2)[0]));
        return roots;
    }

    /** How the data path turns shards into batches. */
    public DataOptions dataOptions() {
        return new DataOptions(get(SEED), get(BATCH_SIZE), get(IMAGE_SIZE), get(FLIP), get(DECODE_THREADS),
                get(SHUFFLE_BUFFER), get(PREFETCH_BATCHES), get(VERIFY));
    }

    private static ShardSet.Check shardCheck(String name) {
        try {
            return ShardSet.Check.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("train.data.verify: '" + name + "' is not size or full");
        }
    }

    private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
        DECLARED.add(key);
        return key;
    }
}
