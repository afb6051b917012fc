package mhlr.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;
import mhlr.core.dataset.ShardSet;
import mhlr.train.testing.SyntheticFaces;
import mhlr.train.testing.TestShards;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPipelineTest {
    private static final int IMAGES = 50;
    private static final int BATCH = 8;

    @TempDir
    static Path directory;
    private static TrainingShards shards;

    /** 50 images, each its own class (so a label names an image), in 3 shards of row groups of at most 7 rows. */
    @BeforeAll
    static void writeShards() {
        List<TestShards.Sample> samples = IntStream.range(0, IMAGES)
                .mapToObj(i -> new TestShards.Sample(i, SyntheticFaces.flat(i * 5))).toList();
        TestShards.writeTraining(directory.resolve("set"), samples, IMAGES, 3, 7);
        shards = TrainingShards.open(directory.resolve("set").toString(), ShardSet.Check.FULL);
    }

    private static DataOptions options(int threads, int prefetch, int imageSize, boolean flip) {
        return new DataOptions(3407, BATCH, imageSize, flip, threads, 10, prefetch, ShardSet.Check.SIZE);
    }

    private static List<TrainingBatch> read(DataOptions options, DataPosition start, int epochs, int batches) {
        List<TrainingBatch> out = new ArrayList<>();
        try (BatchPipeline pipeline = BatchPipeline.open(shards, options, start, epochs)) {
            for (int i = 0; i < batches; i++) {
                out.add(pipeline.next());
            }
        }
        return out;
    }

    @Test
    void readsTheLayoutFromTheFooters() {
        assertEquals(IMAGES, shards.images());
        assertEquals(3, shards.shardCount());
        assertEquals(3, shards.rowGroups(0).size());
        assertEquals(List.of(7, 7, 3), shards.rowGroups(0).stream().map(RowGroup::rows).toList());
    }

    @Test
    void everyImageComesOnceEachEpochInADifferentOrder() {
        List<List<Integer>> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> labels = new ArrayList<>();
            try (EpochSamples samples = EpochSamples.open(shards, 3407, epoch, 10, 0)) {
                for (EncodedSample sample = samples.next(); sample != null; sample = samples.next()) {
                    labels.add(sample.label());
                }
            }
            assertEquals(IntStream.range(0, IMAGES).boxed().toList(), labels.stream().sorted().toList());
            epochs.add(labels);
        }
        assertNotEquals(epochs.get(0), epochs.get(1));
        assertNotEquals(epochs.get(1), epochs.get(2));
    }

    @Test
    void dropsThePartialLastBatchAndStopsAfterTheLastEpoch() {
        try (BatchPipeline pipeline = BatchPipeline.open(shards, options(2, 2, 112, true), DataPosition.start(), 2)) {
            assertEquals(6, pipeline.batchesPerEpoch());
            for (int epoch = 0; epoch < 2; epoch++) {
                Set<Integer> seen = new HashSet<>();
                for (int batch = 0; batch < 6; batch++) {
                    TrainingBatch next = pipeline.next();
                    assertEquals(new DataPosition(epoch, batch), next.position());
                    assertEquals(BATCH, next.size());
                    for (int label : next.labels()) {
                        assertTrue(seen.add(label), "label " + label + " twice in epoch " + epoch);
                    }
                }
                assertEquals(48, seen.size());
            }
            assertThrows(NoSuchElementException.class, pipeline::next);
        }
    }

    @Test
    void batchesDependOnTheSeedNotOnThreads() {
        List<TrainingBatch> one = read(options(1, 1, 112, true), DataPosition.start(), 2, 12);
        List<TrainingBatch> many = read(options(3, 4, 112, true), DataPosition.start(), 2, 12);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).labels(), many.get(i).labels());
            assertArrayEquals(one.get(i).pixels(), many.get(i).pixels());
        }
    }

    @Test
    void aResumedPipelineContinuesExactlyWhereTheUninterruptedOneWas() {
        List<TrainingBatch> whole = read(options(2, 3, 112, true), DataPosition.start(), 3, 18);
        for (DataPosition start : List.of(new DataPosition(0, 1), new DataPosition(0, 4), new DataPosition(1, 0),
                new DataPosition(1, 5), new DataPosition(2, 3))) {
            int skipped = (int) (start.epoch() * 6 + start.batch());
            List<TrainingBatch> resumed = read(options(2, 3, 112, true), start, 3, 18 - skipped);
            for (int i = 0; i < resumed.size(); i++) {
                TrainingBatch expected = whole.get(skipped + i);
                assertEquals(expected.position(), resumed.get(i).position());
                assertArrayEquals(expected.labels(), resumed.get(i).labels(), "from " + start + ", batch " + i);
                assertArrayEquals(expected.pixels(), resumed.get(i).pixels(), "from " + start + ", batch " + i);
            }
        }
    }

    @Test
    void pixelsAreScaledResizedAndFlippedAboutHalfTheTime() {
        int size = 28;
        List<TrainingBatch> batches = read(options(2, 2, size, true), DataPosition.start(), 2, 12);
        int flipped = 0;
        int images = 0;
        for (TrainingBatch batch : batches) {
            assertEquals(BATCH * 3 * size * size, batch.pixels().length);
            for (float value : batch.pixels()) {
                assertTrue(value >= -1f && value <= 1f, "value " + value);
            }
            for (int i = 0; i < batch.size(); i++) {
                int green = i * 3 * size * size + size * size;
                boolean whiteLeft = batch.pixels()[green + size * 10 + 1] > 0.5f;
                boolean whiteRight = batch.pixels()[green + size * 10 + size - 2] > 0.5f;
                assertTrue(whiteLeft ^ whiteRight, "the white band is on exactly one side");
                flipped += whiteRight ? 1 : 0;
                images++;
            }
        }
        assertTrue(flipped > images / 4 && flipped < images * 3 / 4, flipped + " of " + images + " flipped");
        for (TrainingBatch batch : read(options(2, 2, size, false), DataPosition.start(), 1, 6)) {
            for (int i = 0; i < batch.size(); i++) {
                assertTrue(batch.pixels()[i * 3 * size * size + size * size + size * 10 + 1] > 0.5f,
                        "no flip when disabled");
            }
        }
    }
}
