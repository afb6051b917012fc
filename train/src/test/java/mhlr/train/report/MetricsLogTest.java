package mhlr.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
                log.write(Map.of("step", step, "loss", 1.0 / step));
            }
            log.write(Map.of("event", "decay", "step", 10L));
        }
        Files.writeString(file, "{\"step\": 25, \"lo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (MetricsLog log = MetricsLog.resume(file, 10)) {
            log.write(Map.of("step", 15L, "loss", Double.NaN));
        }
        List<JsonNode> lines = MetricsLog.read(file);
        assertEquals(List.of(5L, 10L, 10L, 15L), lines.stream().map(line -> line.get("step").asLong()).toList());
        assertEquals(0.1, lines.get(1).get("loss").asDouble());
        assertEquals("NaN", lines.get(3).get("loss").asText());
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
