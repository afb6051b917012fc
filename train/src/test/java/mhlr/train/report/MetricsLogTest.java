package mhlr.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path directory;

    @Test
    void resumingDropsLinesAfterTheCheckpointAndALineCutShort() throws Exception {
        Path file = directory.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.create(file)) {
            for (long step = 5; step <= 20; step += 5) {
                log.write(stepLine(step, 1.0 / step));
            }
            log.write(new DecayLine(10, 1, 0.1, 0.05, Double.NaN));
        }
        Files.writeString(file, "{\"step\": 25, \"lo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (MetricsLog log = MetricsLog.resume(file, 10)) {
            log.write(stepLine(15, Double.NaN));
        }
        List<MetricsLine> lines = MetricsLog.read(file);
        assertEquals(List.of(5L, 10L, 10L, 15L), lines.stream().map(MetricsLine::step).toList());
        assertEquals(0.1, ((StepLine) lines.get(1)).loss());
        assertTrue(Double.isNaN(((StepLine) lines.get(3)).loss()));
        assertTrue(Files.readAllLines(file).get(3).contains("\"loss\":\"NaN\""), "a NaN is written as a string");
    }

    @Test
    void aStepLineReadsBackAsWrittenWithTheSchedulesValuesInOrder() throws Exception {
        Path file = directory.resolve("metrics.jsonl");
        Map<String, Double> schedule = new LinkedHashMap<>();
        schedule.put("mhlr.signal", -0.25);
        schedule.put("mhlr.count", 3.0);
        StepLine written = new StepLine(20, 1, 2.5, 2.75, 0.02, 4.5, 310.0, 0.125, schedule);
        try (MetricsLog log = MetricsLog.create(file)) {
            log.write(written);
            log.write(new VerificationLine(20, "lfw", 21.5, 0.9, 0.01, 0.9));
        }
        assertEquals("{\"step\":20,\"epoch\":1,\"loss\":2.5,\"loss_average\":2.75,\"lr\":0.02,\"gradient_norm\":4.5,"
                + "\"images_per_second\":310.0,\"data_wait_fraction\":0.125,\"mhlr.signal\":-0.25,\"mhlr.count\":3.0}",
                Files.readAllLines(file).get(0), "the field names the notebooks read");
        assertEquals(List.of(written, new VerificationLine(20, "lfw", 21.5, 0.9, 0.01, 0.9)), MetricsLog.read(file));
        assertEquals(List.of("mhlr.signal", "mhlr.count"), List.copyOf(((StepLine) MetricsLog.read(file).get(0))
                .schedule().keySet()));
    }

    private static StepLine stepLine(long step, double loss) {
        return new StepLine(step, 0, loss, loss, 0.1, 1.0, 100.0, 0.0, Map.of());
    }

    @Test
    void lossLogKeepsExactlyTheCheckpointedSteps() throws Exception {
        Path file = directory.resolve("losses.txt");
        try (LossLog log = LossLog.create(file)) {
            for (int i = 1; i <= 7; i++) {
                log.append(1.0 / i);
            }
        }
        Files.writeString(file, "0.12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (LossLog log = LossLog.resume(file, 5)) {
            log.append(42.5);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size());
        assertEquals(1.0 / 3, Double.parseDouble(lines.get(2)));
        assertEquals("42.5", lines.get(5));
        assertThrows(IllegalStateException.class, () -> LossLog.resume(file, 9));
    }
}
