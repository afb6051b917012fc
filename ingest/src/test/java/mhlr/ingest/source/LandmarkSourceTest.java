package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mhlr.core.image.FaceAligner;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.IngestRun;
import mhlr.ingest.ShardContents;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandmarkSourceTest {
    @TempDir
    Path temporary;

    /** Photos twice the template's scale, shifted; a white dot on the left eye must land on the template's. */
    @Test
    void photosAreAlignedWithTheirPointsAndBadLinesAndMissingPhotosAreSkipped() throws IOException {
        Path input = temporary.resolve("loose");
        float[] template = FaceAligner.template();
        StringBuilder lines = new StringBuilder();
        for (int person = 0; person < 2; person++) {
            for (int photo = 0; photo < 3; photo++) {
                BufferedImage picture = TestImages.picture(person, photo, 260, 280);
                float[] points = new float[10];
                for (int i = 0; i < 5; i++) {
                    points[2 * i] = 2 * template[2 * i] + 20 + photo;
                    points[2 * i + 1] = 2 * template[2 * i + 1] + 30;
                }
                Graphics2D graphics = picture.createGraphics();
                graphics.setColor(Color.WHITE);
                graphics.fillRect(Math.round(points[0]) - 4, Math.round(points[1]) - 4, 9, 9);
                graphics.dispose();
                String name = "p" + person + "/" + photo + ".png";
                TestImages.write(input.resolve(name), TestImages.png(picture));
                lines.append(name);
                for (float value : points) {
                    lines.append(' ').append(value);
                }
                lines.append(" 0.99\n");
            }
        }
        lines.append("p1/broken.jpg 1 2 3\n");
        lines.append("p1/gone.jpg 1 2 3 4 5 6 7 8 9 10\n");
        Files.writeString(input.resolve("landmarks.txt"), lines);
        Path output = temporary.resolve("shards");

        IngestRun run = IngestRun.of("--format", "landmarks", "--input", input.toString(), "--output",
                output.toString(), "--set", "ingest.max-skipped-fraction=0.5");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(8, manifest.counts().read());
        assertEquals(6, manifest.counts().written());
        assertEquals(2, manifest.counts().classes());
        Map<String, String> reasons = ShardContents.skippedLines(output).stream()
                .collect(Collectors.toMap(line -> line.split(",")[0], line -> line.split(",")[1]));
        assertEquals(Map.of("landmarks.txt:7", "bad_landmark_line", "p1/gone.jpg", "unreadable_path"), reasons);
        List<Group> rows = ShardContents.shardRows(output);
        for (Group row : rows) {
            BufferedImage face = ShardContents.image(row);
            assertEquals(112, face.getWidth());
            int eye = face.getRGB(Math.round(template[0]), Math.round(template[1]));
            int brightness = ((eye >> 16) & 0xff) + ((eye >> 8) & 0xff) + (eye & 0xff);
            assertEquals(true, brightness > 600, "left eye of " + row.getString("source", 0) + " is white");
        }
    }
}
