package mhlr.core.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;

/**
 * A 5-point landmark file: one line per image, {@code name x1 y1 x2 y2 x3 y3 x4 y4 x5 y5 [score]}, fields separated
 * by spaces or tabs, coordinates in pixels (IJB's {@code *_name_5pts_score.txt} with a detector score, LFW's
 * {@code lfw_landmark.txt} without). A line that does not parse, or repeats a name, is not fatal: it becomes a
 * {@link BadRecordException} with {@link SkipReason#BAD_LANDMARK_LINE} and detail {@code "file:line: what"} in
 * {@link #problems()}, and the image it names has no landmarks.
 */
public final class LandmarkFile {
    private final Map<String, FaceLandmarks> byName;
    private final List<BadRecordException> problems;

    private LandmarkFile(Map<String, FaceLandmarks> byName, List<BadRecordException> problems) {
        this.byName = Collections.unmodifiableMap(byName);
        this.problems = List.copyOf(problems);
    }

    /** Reads a landmark file. */
    public static LandmarkFile read(Path file) throws IOException {
        Map<String, FaceLandmarks> byName = new LinkedHashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        List<BadRecordException> problems = new ArrayList<>();
        try (AsciiLines lines = new AsciiLines(file, false)) {
            while (lines.next()) {
                String where = file + ":" + lines.lineNumber();
                if (lines.fields() != 11 && lines.fields() != 12) {
                    problems.add(bad(where, "expected an image name, 10 coordinates and an optional score, got "
                            + lines.fields() + " fields: '" + lines.lineText() + "'"));
                    continue;
                }
                String name = lines.text(0);
                float[] points = new float[10];
                float score = Float.NaN;
                try {
                    for (int i = 0; i < 10; i++) {
                        points[i] = lines.number(1 + i);
                    }
                    if (lines.fields() == 12) {
                        score = lines.number(11);
                    }
                } catch (NumberFormatException e) {
                    problems.add(bad(where, name + ": " + e.getMessage()));
                    continue;
                }
                Long earlier = firstLine.putIfAbsent(name, lines.lineNumber());
                if (earlier != null) {
                    problems.add(bad(where, name + " already has landmarks on line " + earlier));
                    continue;
                }
                byName.put(name, new FaceLandmarks(points, score));
            }
        }
        return new LandmarkFile(byName, problems);
    }

    /**
     * Writes landmarks in the order given: {@code name}, the ten coordinates and, when {@code withScore}, the
     * score, separated by {@code separator} (a space as in IJB, a tab as in LFW's file). Numbers carry up to three
     * decimals.
     */
    public static void write(Path file, Map<String, FaceLandmarks> landmarks, boolean withScore, char separator)
            throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, FaceLandmarks> entry : landmarks.entrySet()) {
                StringBuilder line = new StringBuilder(entry.getKey());
                for (float value : entry.getValue().points()) {
                    line.append(separator).append(decimal(value));
                }
                if (withScore) {
                    line.append(separator).append(decimal(entry.getValue().score()));
                }
                writer.write(line.append('\n').toString());
            }
        }
    }

    /** The landmarks of every well-formed line, by image name, in file order. */
    public Map<String, FaceLandmarks> byName() {
        return byName;
    }

    public Optional<FaceLandmarks> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The lines that could not be used, one exception each. */
    public List<BadRecordException> problems() {
        return problems;
    }

    static String decimal(float value) {
        return new BigDecimal(Float.toString(value)).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    private static BadRecordException bad(String where, String what) {
        return new BadRecordException(SkipReason.BAD_LANDMARK_LINE, where + ": " + what);
    }
}
