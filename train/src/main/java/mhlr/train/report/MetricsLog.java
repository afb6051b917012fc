package mhlr.train.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.AtomicOutput;

/**
 * {@code metrics.jsonl}: one JSON object per line, flushed as written.
 *
 * <ul>
 *   <li>Step lines, every {@code train.log-every-steps} steps and at the last: {@value #STEP} (optimizer steps done,
 *       as arcface_torch's {@code global_step}), {@code epoch} (0-based), {@code loss} (this step's raw loss),
 *       {@code loss_average} (mean since the previous step line, arcface_torch's {@code AverageMeter}), {@code lr}
 *       (the rate this step used), {@code gradient_norm} (backbone, before clipping), {@code images_per_second} and
 *       {@code data_wait_fraction} (share of the interval spent waiting for a batch), and the schedule's own values
 *       (e.g. {@code mhlr.signal}, {@code mhlr.count}).</li>
 *   <li>Event lines carry {@value #EVENT}: {@code decay} (step, number, lr_before, lr_after, signal),
 *       {@code verification} (step, set, xnorm, accuracy_flip, accuracy_flip_std, accuracy_highest) and
 *       {@code diverged} (step, epoch, loss, gradient_norm, lr).</li>
 * </ul>
 * Numbers that are not finite are written as strings ({@code "NaN"}), since JSON has no such numbers.
 */
public final class MetricsLog implements Closeable {
    public static final String STEP = "step";
    public static final String EVENT = "event";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;

    private MetricsLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** A new, empty log at {@code file} (an existing one is replaced). */
    public static MetricsLog create(Path file) {
        return open(file, List.of());
    }

    /**
     * Continues the log of an interrupted run from a checkpoint at {@code step}: keeps the lines whose step is at
     * most {@code step} and drops the rest, including a last line the interruption cut short.
     */
    public static MetricsLog resume(Path file, long step) {
        List<String> kept = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : readLines(file)) {
                JsonNode node = parse(line);
                if (node != null && node.path(STEP).asLong(Long.MAX_VALUE) <= step) {
                    kept.add(line);
                }
            }
        }
        return open(file, kept);
    }

    private static MetricsLog open(Path file, List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        AtomicOutput.writeFile(file, text.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Appends one line; values are numbers, strings, booleans or maps of them. */
    public synchronized void write(Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        fields.forEach((key, value) -> line.put(key, value instanceof Double number && !Double.isFinite(number)
                ? number.toString() : value));
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.write('\n');
            writer.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write metrics " + fields, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics log", e);
        }
    }

    /** The lines of a log, parsed; a line that does not parse (cut short) is left out. */
    public static List<JsonNode> read(Path file) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : readLines(file)) {
            JsonNode node = parse(line);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static JsonNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close metrics log", e);
        }
    }
}
