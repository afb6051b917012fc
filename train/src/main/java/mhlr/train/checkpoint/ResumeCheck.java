package mhlr.train.checkpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mhlr.core.cli.UsageException;
import mhlr.train.settings.TrainingSettings;

/**
 * Refuses to resume a checkpoint under a configuration that would make the run another run: every key of the blocks
 * {@link TrainingSettings} reads ({@code seed}, {@code train} and {@code mhlr}) must be as the checkpoint saved it,
 * except the few declared to change only speed or reporting ({@link #MAY_CHANGE}).
 */
public final class ResumeCheck {
    /** Keys a resumed run may change: those {@link TrainingSettings} declares {@code resumable()}. */
    public static final List<String> MAY_CHANGE = TrainingSettings.mayChangeOnResume();
    private static final Set<String> CHECKED = TrainingSettings.roots();

    private ResumeCheck() {
    }

    /**
     * @param saved the config text stored in the checkpoint
     * @param now the config of this invocation
     * @throws UsageException naming every key that differs
     */
    public static void requireSameRun(String saved, Config now, String checkpoint) {
        Config before = ConfigFactory.parseString(saved, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF))
                .resolve();
        Set<String> keys = new TreeSet<>();
        for (String root : CHECKED) {
            collect(before, root, keys);
            collect(now, root, keys);
        }
        List<String> differing = new ArrayList<>();
        for (String key : keys) {
            if (MAY_CHANGE.stream().anyMatch(allowed -> key.equals(allowed) || key.startsWith(allowed + "."))) {
                continue;
            }
            ConfigValue a = before.hasPathOrNull(key) ? before.getValue(key) : null;
            ConfigValue b = now.hasPathOrNull(key) ? now.getValue(key) : null;
            if (a == null || b == null || !a.unwrapped().equals(b.unwrapped())
                    && !sameNumber(a.unwrapped(), b.unwrapped())) {
                differing.add(key + " (" + (a == null ? "absent" : a.render()) + " -> "
                        + (b == null ? "absent" : b.render()) + ")");
            }
        }
        if (!differing.isEmpty()) {
            throw new UsageException("cannot resume " + checkpoint + " under a different configuration: "
                    + String.join(", ", differing) + "; give the same --config and --set, or --overwrite to start over");
        }
    }

    private static void collect(Config config, String root, Set<String> keys) {
        if (!config.hasPath(root)) {
            return;
        }
        if (config.getValue(root).valueType() != com.typesafe.config.ConfigValueType.OBJECT) {
            keys.add(root);
            return;
        }
        for (Map.Entry<String, ConfigValue> entry : config.getConfig(root).entrySet()) {
            keys.add(root + "." + entry.getKey());
        }
    }

    private static boolean sameNumber(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }
}
