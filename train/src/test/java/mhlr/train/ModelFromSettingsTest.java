package mhlr.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.settings.TrainingSettings;
import org.junit.jupiter.api.Test;

class ModelFromSettingsTest {

    private static TrainingSettings loss(String... sets) {
        return TrainingSettings.read(Settings.load(Optional.empty(), List.of(sets)));
    }

    @Test
    void theMarginsComeFromTheConfig() {
        CombinedMarginLoss arcFace = ModelFromSettings.margin(loss("train.loss.type=arcface", "train.loss.m2=0.5",
                "train.loss.m3=0"));
        assertArrayEquals(new double[] {1, 0.5, 0}, arcFace.margins());
        assertEquals(64, arcFace.scale());
        assertArrayEquals(new double[] {1, 0, 0.4}, ModelFromSettings.margin(loss()).margins());
    }

    @Test
    void aTypeThatContradictsTheMarginsIsRefused() {
        UsageException error = assertThrows(UsageException.class,
                () -> ModelFromSettings.margin(loss("train.loss.type=arcface")));
        assertTrue(error.getMessage().contains("m1, m2, m3"), error.getMessage());
        assertThrows(UsageException.class, () -> ModelFromSettings.margin(loss("train.loss.type=softmax")));
    }
}
