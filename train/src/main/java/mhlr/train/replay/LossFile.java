package mhlr.train.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import mhlr.train.report.MetricsLog;

/**
 * Reads a recorded loss sequence as one loss per optimizer step, from any of three shapes (told apart by the first
 * non-blank line):
 *
 * <ul>
 *   <li>one number per line: one loss per step, in order (the trainer's {@code losses.txt});</li>
 *   <li>CSV whose header has a {@code loss} column, and optionally a {@code step} column (FastFace's training log
 *       as extracted, {@code step,loss,lr});</li>
 *   <li>the trainer's {@code metrics.jsonl}: lines with a {@code step} field and a loss give a loss, taking
 *       {@code loss_average} (the mean over the steps since the previous step line) where present, else
 *       {@code loss}; other lines (decay and verification events) are skipped.</li>
 * </ul>
 *
 * <p>Where steps are given, a logged loss stands for the steps it covers: {@code step} counts the optimizer steps
 * done (as arcface_torch's {@code global_step}), so a line at step {@code s} after one at step {@code p} covers the
 * 0-based steps {@code p .. s-1} (the first line covers everything before it), and the sequence has one loss for each
 * of them. A log written every 10 steps thus replays as 10 equal losses per line: close to the run, not exact.
 *
 * <p>Blank lines are skipped. A line that does not read, or steps that do not increase, are a {@link UsageException}
 * naming the file and the line.
 */
public final class LossFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest sequence a file may expand to (800 MB of losses; real runs have a few million steps). */
    private static final long MAXIMUM_STEPS = 100_000_000;

    private LossFile() {
    }

    /**
     * The losses of a file, one per step.
     *
     * @param perStep the loss of each 0-based step
     * @param logged how many losses the file itself holds ({@code perStep.length} when it has one per step)
     */
    public record Sequence(double[] perStep, int logged) {
        /** Whether the file logged fewer losses than steps, each standing for several. */
        public boolean spread() {
            return logged < perStep.length;
        }
    }

    /** The losses of {@code file}, one per optimizer step. */
    public static Sequence read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("losses file " + file + " does not exist");
        }
        Steps steps = new Steps(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Shape shape = null;
            int lossColumn = -1;
            int stepColumn = -1;
            int columns = 0;
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (shape == null) {
                    shape = shapeOf(text);
                    if (shape == Shape.CSV) {
                        List<String> header = Arrays.stream(text.split(",", -1))
                                .map(name -> unquote(name.strip()).toLowerCase(Locale.ROOT))
                                .toList();
                        lossColumn = header.indexOf("loss");
                        stepColumn = header.indexOf("step");
                        columns = header.size();
                        if (lossColumn < 0) {
                            throw new UsageException(file + " line " + number + ": the CSV header " + header
                                    + " has no 'loss' column");
                        }
                        continue;
                    }
                }
                switch (shape) {
                    case PLAIN -> steps.next(parse(text, file, number));
                    case CSV -> {
                        String[] fields = text.split(",", -1);
                        if (fields.length != columns) {
                            throw new UsageException(file + " line " + number + ": " + fields.length
                                    + " fields, the header has " + columns);
                        }
                        double loss = parse(unquote(fields[lossColumn].strip()), file, number);
                        if (stepColumn < 0) {
                            steps.next(loss);
                        } else {
                            steps.until(stepNumber(unquote(fields[stepColumn].strip()), file, number), loss, number);
                        }
                    }
                    case JSON_LINES -> readJsonLine(json(text, file, number), steps, file, number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read losses file " + file, e);
        }
        if (steps.losses.size() == 0) {
            throw new UsageException("losses file " + file + " holds no losses");
        }
        return new Sequence(steps.losses.toArray(), steps.logged);
    }

    private static void readJsonLine(JsonNode node, Steps steps, Path file, int number) {
        Optional<MetricsLog.LoggedLoss> logged = MetricsLog.LoggedLoss.of(node);
        if (logged.isEmpty()) {
            return;
        }
        JsonNode loss = logged.get().loss();
        if (!loss.isNumber() || !Double.isFinite(loss.doubleValue())) {
            throw new UsageException(file + " line " + number + ": loss " + loss + " is not a finite number");
        }
        JsonNode step = logged.get().step();
        if (step == null) {
            steps.next(loss.doubleValue());
        } else if (step.canConvertToLong() && step.isIntegralNumber()) {
            steps.until(step.longValue(), loss.doubleValue(), number);
        } else {
            throw new UsageException(file + " line " + number + ": step " + step + " is not a whole number");
        }
    }

    private enum Shape { PLAIN, CSV, JSON_LINES }

    private static Shape shapeOf(String firstLine) {
        if (firstLine.startsWith("{")) {
            return Shape.JSON_LINES;
        }
        try {
            Double.parseDouble(firstLine);
            return Shape.PLAIN;
        } catch (NumberFormatException e) {
            return Shape.CSV;
        }
    }

    private static double parse(String text, Path file, int number) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(file + " line " + number + ": '" + text + "' is not a finite number");
    }

    private static long stepNumber(String text, Path file, int number) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(file + " line " + number + ": step '" + text + "' is not a whole number", e);
        }
    }

    private static JsonNode json(String text, Path file, int number) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw new UsageException(file + " line " + number + ": not a JSON object ("
                    + e.getOriginalMessage() + ")", e);
        }
        throw new UsageException(file + " line " + number + ": not a JSON object");
    }

    private static String unquote(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1) : field;
    }

    /** The sequence being built: one loss per step, with each logged loss spread over the steps it covers. */
    private static final class Steps {
        private final Path file;
        private final Losses losses = new Losses();
        private int logged;

        Steps(Path file) {
            this.file = file;
        }

        /** A loss for the next single step. */
        void next(double loss) {
            losses.add(loss);
            logged++;
        }

        /** A loss logged when {@code stepsDone} steps were done: it stands for every step since the last one. */
        void until(long stepsDone, double loss, int line) {
            if (stepsDone <= losses.size()) {
                throw new UsageException(file + " line " + line + ": step " + stepsDone + " does not follow step "
                        + losses.size() + " (a step counts the optimizer steps done: from 1, increasing)");
            }
            if (stepsDone > MAXIMUM_STEPS) {
                throw new UsageException(file + " line " + line + ": step " + stepsDone + " is past the "
                        + MAXIMUM_STEPS + " steps a replay holds");
            }
            while (losses.size() < stepsDone) {
                losses.add(loss);
            }
            logged++;
        }
    }

    /** A growing array of doubles (a run has hundreds of thousands of steps: no boxing). */
    private static final class Losses {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
