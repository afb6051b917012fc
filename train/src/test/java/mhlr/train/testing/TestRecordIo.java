package mhlr.train.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import mhlr.core.format.RecordIoWriter;

/**
 * Writes RecordIO training folders ({@code train.rec}, {@code train.idx}, {@code property}) with core's writer, in
 * the two layouts the trainer reads: insightface's (record 0 a meta header {@code [A, B]}, images at keys
 * {@code 1 .. A-1} grouped by class, then one identity record per class) and ingest's (keys {@code 0 .. N-1}, every
 * record an image grouped by class, a two-line {@code property}).
 */
public final class TestRecordIo {
    /** Which of the two layouts. */
    public enum Layout {
        /** Record 0 a meta header, identity records after the images; {@code property} = "classes,112,112". */
        INSIGHTFACE,
        /** Every key an image; {@code property} = "classes,112,112" and the image count. */
        INGEST
    }

    private TestRecordIo() {
    }

    /**
     * Writes the samples (sorted by label, stable, as both builders group them) into {@code directory}; without
     * {@code property} when {@code withProperty} is false.
     */
    public static void write(Path directory, List<TestShards.Sample> samples, int classes, Layout layout,
                             boolean withProperty) {
        List<TestShards.Sample> sorted = samples.stream().sorted(Comparator.comparingInt(TestShards.Sample::label))
                .toList();
        try {
            Files.createDirectories(directory);
            try (RecordIoWriter writer = RecordIoWriter.create(directory.resolve("train.rec"),
                    directory.resolve("train.idx"))) {
                long first = layout == Layout.INSIGHTFACE ? 1 : 0;
                long imageEnd = first + sorted.size();
                if (layout == Layout.INSIGHTFACE) {
                    writer.writeLabels(0, new float[] {imageEnd, imageEnd + classes}, 0, 0, new byte[0]);
                }
                for (int i = 0; i < sorted.size(); i++) {
                    writer.writeImage(first + i, sorted.get(i).label(), sorted.get(i).image());
                }
                if (layout == Layout.INSIGHTFACE) {
                    for (int label = 0; label < classes; label++) {
                        int finalLabel = label;
                        long start = first + sorted.stream().filter(s -> s.label() < finalLabel).count();
                        long end = first + sorted.stream().filter(s -> s.label() <= finalLabel).count();
                        writer.writeLabels(imageEnd + label, new float[] {start, end}, imageEnd + label, 0,
                                new byte[0]);
                    }
                }
            }
            if (withProperty) {
                Files.writeString(directory.resolve("property"), classes + ",112,112\n"
                        + (layout == Layout.INGEST ? sorted.size() + "\n" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
