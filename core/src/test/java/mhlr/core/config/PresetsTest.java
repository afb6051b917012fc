package mhlr.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every preset in conf/ loads against the base: no unknown key, no wrong type. */
class PresetsTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void everyPresetLoads() throws IOException {
        List<Path> presets = presets();
        assertFalse(presets.isEmpty());
        for (Path preset : presets) {
            Config config = Settings.load(Optional.of(preset), List.of());
            assertTrue(config.getInt("train.batch-size") > 0, preset.toString());
        }
    }

    @Test
    void paperPresetsCarryThePapersRecipe() {
        Config wf12m = Settings.load(Optional.of(CONF.resolve("wf12m_r100.conf")), List.of());
        assertEquals("iresnet100", wf12m.getString("train.backbone"));
        assertEquals(0.4, wf12m.getDouble("train.loss.m3"));
        assertEquals(128, wf12m.getInt("train.batch-size"));
        assertEquals(5, wf12m.getInt("train.epochs"));
        assertEquals(0.02, wf12m.getDouble("train.learning-rate"));
        assertEquals("mhlr", wf12m.getString("train.schedule.name"));
        assertEquals("absolute", wf12m.getString("mhlr.parametrisation"));
        assertEquals(3407, wf12m.getInt("seed"));

        Config ms1mv3 = Settings.load(Optional.of(CONF.resolve("ms1mv3_r100.conf")), List.of());
        assertEquals(0.5, ms1mv3.getDouble("train.loss.m2"));
        assertEquals(0.0, ms1mv3.getDouble("train.loss.m3"));
    }

    @Test
    void baselinesOverrideTheirRecipeWithTwentyPolynomialEpochs() throws IOException {
        for (Path baseline : presets().stream().filter(p -> p.toString().endsWith("_baseline.conf")).toList()) {
            Config config = Settings.load(Optional.of(baseline), List.of());
            assertEquals(20, config.getInt("train.epochs"), baseline.toString());
            assertEquals("polynomial", config.getString("train.schedule.name"), baseline.toString());
            assertEquals(0.1, config.getDouble("train.learning-rate"), baseline.toString());
        }
    }

    @Test
    void setOverridesAPresetKey() {
        Config config = Settings.load(Optional.of(CONF.resolve("wf4m_r100.conf")), List.of("train.epochs=1"));
        assertEquals(1, config.getInt("train.epochs"));
    }

    private static List<Path> presets() throws IOException {
        try (Stream<Path> files = Files.list(CONF)) {
            return files.filter(p -> p.toString().endsWith(".conf") && !p.getFileName().toString().equals("base.conf"))
                    .sorted().toList();
        }
    }
}
