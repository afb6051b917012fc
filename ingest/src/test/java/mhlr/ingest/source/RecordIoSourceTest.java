package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import mhlr.core.format.RecordIoWriter;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.IngestRun;
import mhlr.ingest.ShardContents;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordIoSourceTest {
    private static final int CLASSES = 3;
    private static final int PER_CLASS = 4;

    @TempDir
    Path temporary;

    @Test
    void metaHeaderLayoutReadsOnlyImageKeysWithArrayLabelsAndSkipsAMisframedRecord() throws IOException {
        Path input = Files.createDirectories(temporary.resolve("ms1m"));
        int images = CLASSES * PER_CLASS;
        long imageEnd = images + 2;
        try (RecordIoWriter writer = RecordIoWriter.create(input.resolve("train.rec"), input.resolve("train.idx"))) {
            writer.writeLabels(0, new float[] {imageEnd, imageEnd + CLASSES}, 0, 0, new byte[0]);
            for (int key = 1; key <= images; key++) {
                int label = (key - 1) / PER_CLASS;
                byte[] jpeg = TestImages.jpeg(TestImages.picture(label, key, 64, 64));
                if (key % 2 == 0) {
                    writer.writeLabels(key, new float[] {label, 7}, key, 0, jpeg);
                } else {
                    writer.writeImage(key, label, jpeg);
                }
            }
            for (int identity = 0; identity < CLASSES; identity++) {
                writer.writeLabels(imageEnd + identity, new float[] {1 + identity * PER_CLASS,
                        1 + (identity + 1) * PER_CLASS}, 0, 0, new byte[0]);
            }
        }
        Files.writeString(input.resolve("train.idx"), (images + 1) + "\t6\n", StandardOpenOption.APPEND);
        Path output = temporary.resolve("shards");

        IngestRun run = IngestRun.of("--format", "recordio", "--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.max-skipped-fraction=0.1");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(images, manifest.counts().written());
        assertEquals(CLASSES, manifest.counts().classes());
        List<String> skipped = ShardContents.skippedLines(output);
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("train.rec#" + (images + 1) + ",bad_record,"), skipped.get(0));

        Map<String, Integer> labels = new TreeMap<>();
        for (Group row : ShardContents.shardRows(output)) {
            labels.put(row.getString("source", 0), row.getInteger("label", 0));
        }
        assertEquals(images, labels.size(), "images only: no meta or identity record");
        for (int key = 1; key <= images; key++) {
            assertEquals((key - 1) / PER_CLASS, labels.get("train.rec#" + key), "label of key " + key);
        }
    }

    @Test
    void withoutMetaHeaderEveryKeyIsAnImage() throws IOException {
        Path input = Files.createDirectories(temporary.resolve("plain"));
        try (RecordIoWriter writer = RecordIoWriter.create(input.resolve("faces.rec"), input.resolve("faces.idx"))) {
            for (int key = 0; key < 6; key++) {
                writer.writeImage(key, key % 2 == 0 ? 10 : 20, TestImages.jpeg(TestImages.picture(key, key, 70, 80)));
            }
        }
        Path output = temporary.resolve("plain-shards");

        IngestRun run = IngestRun.of("--format", "recordio", "--input", input.resolve("faces.rec").toString(),
                "--output", output.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(6, manifest.counts().read());
        assertEquals(2, manifest.counts().classes());
        Map<String, Long> perIdentity = ShardContents.shardRows(output).stream()
                .collect(Collectors.groupingBy(row -> row.getString("identity", 0) + "=" + row.getInteger("label", 0),
                        Collectors.counting()));
        assertEquals(Map.of("00000010=0", 3L, "00000020=1", 3L), perIdentity);
    }
}
