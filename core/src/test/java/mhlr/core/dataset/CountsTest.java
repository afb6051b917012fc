package mhlr.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void theBuilderTakesImagesFromWrittenAndRefusesCountsThatDoNotReconcile() {
        Counts counts = Counts.builder().read(10).written(7).skipped(3).duplicates(1).classes(2).build();

        assertEquals(new Counts(10, 7, 3, 1, 7, 2), counts);
        assertThrows(IllegalArgumentException.class, () -> Counts.builder().read(10).written(7).skipped(2).build());
    }

    @Test
    void aBuiltManifestIsAtTheCurrentSchemaVersionAndNeedsItsCounts() {
        Counts counts = Counts.builder().read(1).written(1).build();
        Manifest manifest = Manifest.builder(DatasetKind.EVAL).counts(counts).parameters(Map.of("seed", 7)).build();

        assertEquals(new Manifest(ShardSchema.VERSION, DatasetKind.EVAL, counts, List.of(), List.of(), List.of(),
                Map.of("seed", 7)), manifest);
        assertThrows(IllegalStateException.class, () -> Manifest.builder(DatasetKind.TRAIN).build());
    }
}
