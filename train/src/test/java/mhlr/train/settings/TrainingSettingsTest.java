package mhlr.train.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.core.dataset.ShardSet;
import mhlr.train.data.DataOptions;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    private static TrainingSettings read(String... overrides) {
        return TrainingSettings.read(Settings.load(Optional.empty(), List.of(overrides)));
    }

    private static String refusal(String... overrides) {
        return assertThrows(UsageException.class, () -> read(overrides)).getMessage();
    }

    @Test
    void everyKeyOfTheBlocksItReadsIsDeclaredExactlyOnceAndEveryDeclaredKeyHasABaseDefault() {
        Config base = Settings.base();
        Set<String> inBase = base.entrySet().stream().map(entry -> entry.getKey())
                .filter(key -> TrainingSettings.roots().contains(key.split("\\.", 2)[0]))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> declared = TrainingSettings.KEYS.stream().map(ConfigKey::path).toList();
        assertEquals(declared.size(), Set.copyOf(declared).size(), "a key declared twice: " + declared);
        assertEquals(inBase, new TreeSet<>(declared));
        assertEquals(Set.of("seed", "train", "mhlr"), TrainingSettings.roots());
    }

    @Test
    void theBaseReadsAsTypedValues() {
        TrainingSettings settings = read("train.data.verify=FULL", "train.loss.type=CosFace");
        assertEquals(128, settings.get(TrainingSettings.BATCH_SIZE));
        assertEquals(List.of(0.5, 0.75, 0.9), settings.get(TrainingSettings.MILESTONES));
        assertEquals(ShardSet.Check.FULL, settings.get(TrainingSettings.VERIFY));
        assertEquals("cosface", settings.get(TrainingSettings.LOSS_TYPE));
        DataOptions data = settings.dataOptions();
        assertEquals(new DataOptions(settings.get(TrainingSettings.SEED), 128, 112, true, 2, 8192, 4,
                ShardSet.Check.FULL), data);
    }

    @Test
    void eachKeyHasOneCheckNamingIt() {
        assertEquals("train.batch-size must be at least 2, got 1", refusal("train.batch-size=1"));
        assertEquals("train.data.decode-threads must be at least 1, got 0", refusal("train.data.decode-threads=0"));
        assertEquals("train.checkpoint.every-steps must be at least 0, got -1",
                refusal("train.checkpoint.every-steps=-1"));
        assertEquals("train.data.verify: 'quick' is not size or full", refusal("train.data.verify=quick"));
        assertEquals("mhlr.parametrisation: 'scaled' is not absolute or relative",
                refusal("mhlr.parametrisation=scaled"));
        assertEquals("train.backbone: unknown backbone 'resnet9' (one of iresnet18, iresnet34, iresnet50, iresnet100,"
                + " iresnet200, mobilefacenet, tiny)", refusal("train.backbone=resnet9"));
    }

    @Test
    void onlySpeedAndReportingKeysMayChangeOnResume() {
        assertEquals(List.of("train.data.decode-threads", "train.data.prefetch-batches", "train.data.verify",
                "train.checkpoint.every-steps", "train.checkpoint.keep", "train.verification.every-steps",
                "train.verification.sets", "train.verification.batch-size", "train.log-every-steps"),
                TrainingSettings.mayChangeOnResume());
    }
}
