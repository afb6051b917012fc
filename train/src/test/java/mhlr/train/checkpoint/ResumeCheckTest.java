package mhlr.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.util.List;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {
    private static final Config SAVED = Settings.load(Optional.empty(), List.of("train.batch-size=64"));
    private static final String TEXT = SAVED.root().render(ConfigRenderOptions.concise().setFormatted(true));

    @Test
    void theSameRunAndSpeedOnlyChangesMayResume() {
        ResumeCheck.requireSameRun(TEXT, SAVED, "c");
        ResumeCheck.requireSameRun(TEXT, Settings.load(Optional.empty(), List.of("train.batch-size=64",
                "train.data.decode-threads=7", "train.checkpoint.keep=9", "train.log-every-steps=1")), "c");
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
