package mhlr.evaluate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mhlr.core.cli.UsageException;
import mhlr.evaluate.embed.FeatureMatrix;
import org.junit.jupiter.api.Test;

class TemplatePoolingTest {
    @Test
    void averagesWithinAMediaAndSumsMediasBeforeNormalising() {
        // Template 7: media 1 holds (1, 0) and (3, 0) -> mean (2, 0); media 2 holds (0, 2). Sum (2, 2).
        // Template 5: one image (0, 3) with detector score 0.5 -> (0, 1.5). Ids come out ascending.
        float[] rows = {1, 0, 0, 2, 3, 0, 0, 3};
        TemplateFeatures templates = TemplatePooling.pool(FeatureMatrix.of(rows, 4, 2, false), new int[] {7, 7, 7, 5},
                new int[] {1, 2, 1, 9}, new float[] {1, 1, 1, 0.5f});
        assertArrayEquals(new int[] {5, 7}, templates.templateIds());
        double half = Math.sqrt(0.5);
        assertArrayEquals(new double[] {0, 1, 2 / Math.sqrt(8), 2 / Math.sqrt(8)}, templates.features(), 1e-15);
        assertEquals(half, templates.features()[2], 1e-15);
    }

    @Test
    void refusesNonFiniteFeaturesNamingTheRow() {
        float[] rows = {1, 0, Float.NaN, 2};
        UsageException error = assertThrows(UsageException.class, () -> TemplatePooling.pool(
                FeatureMatrix.of(rows, 2, 2, false), new int[] {1, 2}, new int[] {1, 1}, new float[] {1, 1}));
        assertTrue(error.getMessage().contains("feature row 1"), error.getMessage());
    }

    @Test
    void refusesARowCountThatDoesNotFitTheFaceList() {
        UsageException error = assertThrows(UsageException.class, () -> TemplatePooling.pool(
                FeatureMatrix.of(new float[6], 3, 2, false), new int[] {1, 2}, new int[] {1, 1}, new float[] {1, 1}));
        assertTrue(error.getMessage().contains("3 rows but the protocol lists 2 images"), error.getMessage());
    }
}
