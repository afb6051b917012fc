package mhlr.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {
    private static final Config SAVED = Settings.load(Optional.empty(), List.of("train.batch-size=64"));
    private static final String TEXT = SAVED.root().render(ConfigRenderOptions.concise().setFormatted(true));

    @Test
    void theSameRunAndSpeedOnlyChangesMayResume() {
        assertDoesNotThrow(() -> ResumeCheck.requireSameRun(TEXT, SAVED, "c"));
        assertDoesNotThrow(() -> ResumeCheck.requireSameRun(TEXT, Settings.load(Optional.empty(),
                List.of("train.batch-size=64", "train.data.decode-threads=7", "train.checkpoint.keep=9",
                        "train.log-every-steps=1")), "c"));
    }

    @Test
    void everyCheckedKeyOutsideTheSpeedOnlyListIsRefusedWhenItAloneChanges() {
        int refused = 0;
        for (Map.Entry<String, ConfigValue> entry : SAVED.entrySet()) {
            String key = entry.getKey();
            boolean checked = key.equals("seed") || key.startsWith("train.") || key.startsWith("mhlr.");
            boolean mayChange = ResumeCheck.MAY_CHANGE.stream()
                    .anyMatch(allowed -> key.equals(allowed) || key.startsWith(allowed + "."));
            if (!checked || mayChange) {
                continue;
            }
            Config changed = SAVED.withValue(key, ConfigValueFactory.fromAnyRef(otherValue(entry.getValue())));
            UsageException error = assertThrows(UsageException.class,
                    () -> ResumeCheck.requireSameRun(TEXT, changed, "c"), key);
            assertTrue(error.getMessage().contains(key), error.getMessage());
            refused++;
        }
        assertTrue(refused > 30, "only " + refused + " keys checked");
    }

    private static Object otherValue(ConfigValue value) {
        Object raw = value.unwrapped();
        if (raw instanceof Number number) {
            return number.doubleValue() + 1;
        }
        if (raw instanceof Boolean flag) {
            return !flag;
        }
        if (raw instanceof List<?> list) {
            return list.isEmpty() ? List.of("x") : List.of();
        }
        return raw + "-changed";
    }

    @Test
    void anotherRunIsRefusedNamingEachKey() {
        Config changed = Settings.load(Optional.empty(), List.of("train.batch-size=32", "mhlr.alpha=0.01", "seed=1"));
        UsageException error = assertThrows(UsageException.class,
                () -> ResumeCheck.requireSameRun(TEXT, changed, "runs/x/checkpoints step 40"));
        for (String key : List.of("train.batch-size", "mhlr.alpha", "seed", "runs/x/checkpoints step 40")) {
            assertTrue(error.getMessage().contains(key), error.getMessage());
        }
    }
}
