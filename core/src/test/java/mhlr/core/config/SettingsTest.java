package mhlr.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path directory;

    @Test
    void setOverridesTheBaseValueWithTheRightType() {
        Config config = Settings.load(Optional.empty(), List.of("seed=7", "train.backbone=mobilefacenet"));
        assertEquals(7, config.getInt("seed"));
        assertEquals("mobilefacenet", config.getString("train.backbone"));
    }

    @Test
    void presetOverridesBaseAndSetOverridesPreset() throws IOException {
        Path preset = write("preset.conf", "seed = 11\ntrain { batch-size = 64 }\n");
        Config config = Settings.load(Optional.of(preset), List.of("train.batch-size=32"));
        assertEquals(11, config.getInt("seed"));
        assertEquals(32, config.getInt("train.batch-size"));
    }

    @Test
    void presetMayIncludeAnotherPresetBesideIt() throws IOException {
        write("parent.conf", "train.epochs = 20\n");
        Path child = write("child.conf", "include \"parent.conf\"\ntrain.batch-size = 64\n");
        Config config = Settings.load(Optional.of(child), List.of());
        assertEquals(20, config.getInt("train.epochs"));
        assertEquals(64, config.getInt("train.batch-size"));
    }

    @Test
    void unknownKeyInSetIsRefusedByName() {
        UsageException error = assertThrows(UsageException.class,
                () -> Settings.load(Optional.empty(), List.of("train.batchsize=32")));
        assertTrue(error.getMessage().contains("train.batchsize"), error.getMessage());
    }

    @Test
    void unknownKeyInPresetIsRefusedWithFileAndLine() throws IOException {
        Path preset = write("typo.conf", "seed = 1\ntrain {\n  learning-rat = 0.1\n}\n");
        UsageException error = assertThrows(UsageException.class,
                () -> Settings.load(Optional.of(preset), List.of()));
        assertTrue(error.getMessage().contains("train.learning-rat"), error.getMessage());
        assertTrue(error.getMessage().contains("typo.conf line 3"), error.getMessage());
    }

    @Test
    void valueOfTheWrongTypeIsRefused() {
        UsageException error = assertThrows(UsageException.class,
                () -> Settings.load(Optional.empty(), List.of("train.batch-size=many")));
        assertTrue(error.getMessage().contains("train.batch-size"), error.getMessage());
        assertTrue(error.getMessage().contains("number"), error.getMessage());
    }

    @Test
    void setWithoutEqualsIsRefused() {
        assertThrows(UsageException.class, () -> Settings.load(Optional.empty(), List.of("seed")));
    }

    @Test
    void stringKeysTakePathsAndUrisVerbatim() {
        Config config = Settings.load(Optional.empty(), List.of("spark.master=spark://127.0.0.1:7077"));
        assertEquals("spark://127.0.0.1:7077", config.getString("spark.master"));
    }

    @Test
    void sparkPropertiesPassThroughUnchecked() {
        Config config = Settings.load(Optional.empty(), List.of("spark.conf.\"spark.executor.memory\"=8g"));
        assertEquals("8g", config.getConfig("spark.conf").getString("\"spark.executor.memory\""));
    }

    @Test
    void missingPresetFileIsAUsageError() {
        assertThrows(UsageException.class, () -> Settings.load(Optional.of(directory.resolve("none.conf")), List.of()));
    }

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
