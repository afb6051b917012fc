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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mhlr.core.cli.AtomicOutput;

/**
 * {@code metrics.jsonl}: one JSON object per {@link MetricsLine}, flushed as written. This class is the only one that
 * knows the file's field names (the notebooks' SQL reads the same names):
 *
 * <ul>
 *   <li>Step lines ({@link StepLine}): {@code step}, {@code epoch}, {@code loss}, {@code loss_average}, {@code lr},
 *       {@code gradient_norm}, {@code images_per_second}, {@code data_wait_fraction}, then the schedule's own values
 *       (e.g. {@code mhlr.signal}, {@code mhlr.count}).</li>
 *   <li>Event lines carry {@code event}: {@code decay} (step, number, lr_before, lr_after, signal),
 *       {@code verification} (step, set, xnorm, accuracy_flip, accuracy_flip_std, accuracy_highest) and
 *       {@code diverged} (step, epoch, loss, gradient_norm, lr).</li>
 * </ul>
 * Numbers that are not finite are written as strings ({@code "NaN"}), since JSON has no such numbers.
 */
public final class MetricsLog implements Closeable {
    private static final String STEP = "step";
    private static final String EVENT = "event";
    private static final String EPOCH = "epoch";
    private static final String LOSS = "loss";
    private static final String LOSS_AVERAGE = "loss_average";
    private static final String RATE = "lr";
    private static final String GRADIENT_NORM = "gradient_norm";
    private static final Set<String> STEP_FIELDS = Set.of(STEP, EPOCH, LOSS, LOSS_AVERAGE, RATE, GRADIENT_NORM,
            "images_per_second", "data_wait_fraction");

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

    /** Appends one line. */
    public synchronized void write(MetricsLine line) {
        Map<String, Object> fields = fields(line);
        fields.replaceAll((key, value) -> value instanceof Double number && !Double.isFinite(number)
                ? number.toString() : value);
        try {
            writer.write(JSON.writeValueAsString(fields));
            writer.write('\n');
            writer.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write metrics " + line, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics log", e);
        }
    }

    private static Map<String, Object> fields(MetricsLine line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (line instanceof StepLine step) {
            fields.put(STEP, step.step());
            fields.put(EPOCH, step.epoch());
            fields.put(LOSS, step.loss());
            fields.put(LOSS_AVERAGE, step.lossAverage());
            fields.put(RATE, step.learningRate());
            fields.put(GRADIENT_NORM, step.gradientNorm());
            fields.put("images_per_second", step.imagesPerSecond());
            fields.put("data_wait_fraction", step.dataWaitFraction());
            fields.putAll(step.schedule());
        } else if (line instanceof DecayLine decay) {
            fields.put(EVENT, "decay");
            fields.put(STEP, decay.step());
            fields.put("number", decay.number());
            fields.put("lr_before", decay.learningRateBefore());
            fields.put("lr_after", decay.learningRateAfter());
            fields.put("signal", decay.signal());
        } else if (line instanceof VerificationLine verification) {
            fields.put(EVENT, "verification");
            fields.put(STEP, verification.step());
            fields.put("set", verification.set());
            fields.put("xnorm", verification.xNorm());
            fields.put("accuracy_flip", verification.accuracyFlip());
            fields.put("accuracy_flip_std", verification.accuracyFlipStd());
            fields.put("accuracy_highest", verification.accuracyHighest());
        } else if (line instanceof DivergedLine diverged) {
            fields.put(EVENT, "diverged");
            fields.put(STEP, diverged.step());
            fields.put(EPOCH, diverged.epoch());
            fields.put(LOSS, diverged.loss());
            fields.put(GRADIENT_NORM, diverged.gradientNorm());
            fields.put(RATE, diverged.learningRate());
        }
        return fields;
    }

    /**
     * The lines of a log; a line that does not parse (cut short) is left out.
     *
     * @throws IllegalStateException naming the file and line when a line is an event this log does not write
     */
    public static List<MetricsLine> read(Path file) {
        List<MetricsLine> lines = new ArrayList<>();
        int number = 0;
        for (String text : readLines(file)) {
            number++;
            JsonNode node = parse(text);
            if (node != null) {
                lines.add(line(node, file, number));
            }
        }
        return lines;
    }

    private static MetricsLine line(JsonNode node, Path file, int number) {
        long step = node.path(STEP).asLong();
        String event = node.path(EVENT).asText("");
        return switch (event) {
            case "" -> new StepLine(step, node.path(EPOCH).asInt(), number(node, LOSS), number(node, LOSS_AVERAGE),
                    number(node, RATE), number(node, GRADIENT_NORM), number(node, "images_per_second"),
                    number(node, "data_wait_fraction"), scheduleValues(node));
            case "decay" -> new DecayLine(step, node.path("number").asInt(), number(node, "lr_before"),
                    number(node, "lr_after"), number(node, "signal"));
            case "verification" -> new VerificationLine(step, node.path("set").asText(), number(node, "xnorm"),
                    number(node, "accuracy_flip"), number(node, "accuracy_flip_std"),
                    number(node, "accuracy_highest"));
            case "diverged" -> new DivergedLine(step, node.path(EPOCH).asInt(), number(node, LOSS),
                    number(node, GRADIENT_NORM), number(node, RATE));
            default -> throw new IllegalStateException(file + " line " + number + ": unknown event '" + event + "'");
        };
    }

    /** A number field: JSON numbers, and the strings non-finite numbers are written as; NaN when absent. */
    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        return value.isTextual() ? Double.parseDouble(value.asText()) : value.asDouble();
    }

    private static Map<String, Double> scheduleValues(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STEP_FIELDS.contains(name)) {
                values.put(name, number(node, name));
            }
        }
        return values;
    }

    /**
     * The loss a line of a metrics log stands for, as {@code bin/mhlr-replay} reads any such file (also ones written
     * by hand): {@code loss_average} where present, else {@code loss}; empty for a line without either (an event).
     *
     * @param step the line's {@code step} field, or null when it has none
     * @param loss the loss field as written (not necessarily a number: the caller reports what it is)
     */
    public record LoggedLoss(JsonNode step, JsonNode loss) {
        /** The loss of a parsed metrics line. */
        public static Optional<LoggedLoss> of(JsonNode line) {
            JsonNode loss = line.has(LOSS_AVERAGE) ? line.get(LOSS_AVERAGE) : line.get(LOSS);
            return loss == null ? Optional.empty() : Optional.of(new LoggedLoss(line.get(STEP), loss));
        }
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
