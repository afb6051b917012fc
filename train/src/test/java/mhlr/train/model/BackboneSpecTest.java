package mhlr.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackboneSpecTest {

    @Test
    void propertiesTextRoundTripsEveryField() {
        BackboneSpec spec = BackboneSpec.builder("IResNet50").inputSize(56).embeddingSize(256).widthMultiplier(0.5)
                .dropout(0.2).layout(Layout.NHWC).build();
        BackboneSpec parsed = BackboneSpec.fromProperties(spec.toProperties());
        assertEquals(spec, parsed);
        assertEquals("iresnet50", parsed.name());
        assertEquals(56, parsed.inputSize());
        assertEquals(256, parsed.embeddingSize());
        assertEquals(0.5, parsed.widthMultiplier());
        assertEquals(0.2, parsed.dropout());
        assertEquals(Layout.NHWC, parsed.layout());
    }

    @Test
    void valuesOutOfRangeAndMissingKeysAreRejectedByName() {
        assertThrows(IllegalArgumentException.class, () -> BackboneSpec.builder("tiny").inputSize(4).build());
        assertThrows(IllegalArgumentException.class, () -> BackboneSpec.builder("tiny").dropout(1).build());
        assertThrows(IllegalArgumentException.class, () -> BackboneSpec.builder("tiny").widthMultiplier(0).build());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BackboneSpec.fromProperties("backbone=tiny\n"));
        assertTrue(missing.getMessage().contains("input-size"), missing.getMessage());
    }

    @Test
    void channelsScaleWithTheWidthMultiplierButNeverVanish() {
        BackboneSpec spec = BackboneSpec.builder("tiny").widthMultiplier(0.01).build();
        assertEquals(1, spec.channels(64));
        assertEquals(32, BackboneSpec.builder("tiny").widthMultiplier(0.5).build().channels(64));
    }
}
