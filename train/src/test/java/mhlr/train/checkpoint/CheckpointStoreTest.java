package mhlr.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.train.data.DataPosition;
import mhlr.train.schedule.ScheduleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointStoreTest {
    @TempDir
    Path directory;

    private static Checkpoint checkpoint(long step) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        parameters.put("conv.weight", Nd4j.rand(DataType.FLOAT, 4, 3, 3, 3).muli(step));
        parameters.put("head.weight", Nd4j.linspace(DataType.FLOAT, 0.1, 0.7, 12).reshape(3, 4));
        Map<String, INDArray> optimizer = Map.of("step", Nd4j.scalar(step),
                "conv.weight.momentum_buffer", Nd4j.rand(DataType.FLOAT, 4, 3, 3, 3));
        ScheduleState schedule = ScheduleState.builder("mhlr").put("next-step", step).put("signal", 1.0 / 3)
                .put("losses", new double[] {0.1, Math.PI, 1e-300}).build();
        TrainingState state = TrainingState.builder().step(step).position(new DataPosition(2, 7)).seed(3407)
                .schedule(schedule).verificationHighest(Map.of("lfw", 0.99533)).interval(12.25, 3)
                .trainingSet(1000, 10).build();
        return new Checkpoint(state, parameters, optimizer, "train { batch-size = 8 }\n");
    }

    @Test
    void readsBackExactlyWhatItWrote() throws IOException {
        CheckpointStore store = new CheckpointStore(directory, 2);
        Checkpoint written = checkpoint(40);
        Path saved = store.save(written);
        assertEquals("step-000000000040", saved.getFileName().toString());
        Checkpoint read = CheckpointStore.load(saved);
        assertEquals(written.state().toString(), read.state().toString(), "numbers read back as JSON numbers");
        assertEquals(1.0 / 3, read.state().schedule().real("signal"));
        assertEquals(Math.PI, read.state().schedule().reals("losses")[1]);
        assertEquals(40, read.state().schedule().whole("next-step"));
        assertEquals(written.config(), read.config());
        assertEquals(written.parameters().keySet(), read.parameters().keySet());
        for (String name : written.parameters().keySet()) {
            assertEquals(written.parameters().get(name), read.parameters().get(name), name);
        }
        assertEquals(written.optimizer().get("step").getLong(0), read.optimizer().get("step").getLong(0));
        assertEquals(written.optimizer().get("conv.weight.momentum_buffer"),
                read.optimizer().get("conv.weight.momentum_buffer"));
    }

    @Test
    void keepsTheNewestAndIgnoresAndRemovesHalfWrittenOnes() throws IOException {
        CheckpointStore store = new CheckpointStore(directory, 2);
        for (long step : new long[] {10, 20, 30}) {
            store.save(checkpoint(step));
        }
        Path partial = directory.resolve(".step-000000000040.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve(CheckpointStore.STATE), "{\"step\": 4");
        assertEquals(List.of("step-000000000020", "step-000000000030"), names(store.complete()));
        assertEquals(30, store.loadNewest(warning -> { }).orElseThrow().state().step());
        store.removeIncomplete();
        assertFalse(Files.exists(partial));
    }

    @Test
    void aDamagedNewestCheckpointIsPassedOverForTheOneBefore() throws IOException {
        CheckpointStore store = new CheckpointStore(directory, 3);
        store.save(checkpoint(10));
        Path newest = store.save(checkpoint(20));
        try (RandomAccessFile file = new RandomAccessFile(newest.resolve(CheckpointStore.PARAMETERS).toFile(), "rw")) {
            file.seek(file.length() / 2);
            file.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        List<String> warnings = new ArrayList<>();
        assertEquals(10, store.loadNewest(warnings::add).orElseThrow().state().step());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("step-000000000020"), warnings.get(0));
    }

    @Test
    void noCheckpointIsEmpty() {
        assertTrue(new CheckpointStore(directory.resolve("none"), 1).loadNewest(warning -> { }).isEmpty());
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(path -> path.getFileName().toString()).toList();
    }
}
