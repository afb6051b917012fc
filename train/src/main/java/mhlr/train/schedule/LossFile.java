package mhlr.train.schedule;

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
import mhlr.core.cli.UsageException;

/**
 * Reads a recorded loss sequence, one loss per optimizer step, in any of three shapes (told apart by the first
 * non-blank line):
 *
 * <ul>
 *   <li>one number per line;</li>
 *   <li>CSV whose header has a {@code loss} column (e.g. FastFace's {@code loss.csv});</li>
 *   <li>the trainer's {@code metrics.jsonl}: one JSON object per line; lines with a {@code loss} field give a loss,
 *       other lines (verification events, notes) are skipped.</li>
 * </ul>
 *
 * Blank lines are skipped. A line that does not read is a {@link UsageException} naming the file and the line.
 */
public final class LossFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LossFile() {
    }

    /** The losses in file order. */
    public static double[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("losses file " + file + " does not exist");
        }
        Losses losses = new Losses();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Shape shape = null;
            int lossColumn = -1;
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
                        columns = header.size();
                        if (lossColumn < 0) {
                            throw new UsageException(file + " line " + number + ": the CSV header " + header
                                    + " has no 'loss' column");
                        }
                        continue;
                    }
                }
                switch (shape) {
                    case PLAIN -> losses.add(parse(text, file, number));
                    case CSV -> {
                        String[] fields = text.split(",", -1);
                        if (fields.length != columns) {
                            throw new UsageException(file + " line " + number + ": " + fields.length
                                    + " fields, the header has " + columns);
                        }
                        losses.add(parse(unquote(fields[lossColumn].strip()), file, number));
                    }
                    case JSON_LINES -> {
                        JsonNode node = json(text, file, number);
                        JsonNode loss = node.get("loss");
                        if (loss != null) {
                            if (!loss.isNumber() || !Double.isFinite(loss.doubleValue())) {
                                throw new UsageException(file + " line " + number + ": loss " + loss
                                        + " is not a finite number");
                            }
                            losses.add(loss.doubleValue());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read losses file " + file, e);
        }
        if (losses.size() == 0) {
            throw new UsageException("losses file " + file + " holds no losses");
        }
        return losses.toArray();
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
