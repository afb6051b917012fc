package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.IngestRun;
import mhlr.ingest.ShardContents;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfwSourceTest {
    @TempDir
    static Path temporary;

    static Path input;

    /** Two folds of 2 same + 2 different pairs; one pair names an image that is not there. */
    @BeforeAll
    static void writeLfw() throws IOException {
        input = temporary.resolve("lfw");
        String[] people = {"Ann_Lee", "Bo_Chan", "Cy_Dent", "Di_Eve"};
        for (int person = 0; person < people.length; person++) {
            for (int number = 1; number <= 3; number++) {
                TestImages.write(input.resolve(people[person]).resolve(String.format("%s_%04d.jpg", people[person],
                        number)), TestImages.jpeg(TestImages.picture(person, number, 125, 125)));
            }
        }
        Files.writeString(input.resolve("pairs.txt"), """
                2\t2
                Ann_Lee\t1\t2
                Bo_Chan\t1\t3
                Ann_Lee\t1\tCy_Dent\t2
                Bo_Chan\t2\tDi_Eve\t1
                Cy_Dent\t1\t3
                Di_Eve\t2\t9
                Ann_Lee\t3\tDi_Eve\t3
                Bo_Chan\t3\tCy_Dent\t3
                """);
        Files.writeString(input.resolve("landmarks.txt"), """
                Ann_Lee/Ann_Lee_0001.jpg 40 50 80 50 60 70 45 95 75 95
                Ann_Lee/Ann_Lee_0002.jpg 40 50 80 50 60 70 45 95 75 95
                """);
    }

    @Test
    void pairImagesAreWrittenWithFoldsAndAPairWithAMissingImageIsLeftOut() {
        Path output = temporary.resolve("shards");

        IngestRun run = IngestRun.of("--format", "lfw", "--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.max-skipped-fraction=0.2");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("left out 1 of 8 lfw pairs"), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(13, manifest.counts().read(), "12 images named, Di_Eve_0009 among them");
        assertEquals(12, manifest.counts().written());
        assertEquals(List.of("Di_Eve/Di_Eve_0009.jpg,missing_pair_image"), ShardContents.skippedLines(output).stream()
                .map(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1))).toList());
        assertEquals(List.of(new ProtocolEntry("lfw", ProtocolEntry.TENFOLD, 7, 3)), manifest.protocols());
        List<Group> pairs = ShardContents.rows(output.resolve(ShardSchema.PAIRS_FILE));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 6L, 7L), pairs.stream().map(p -> p.getLong("pair_index", 0)).toList());
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1), pairs.stream().map(p -> p.getInteger("fold", 0)).toList());
        Set<String> keys = ShardContents.shardRows(output).stream().map(row -> row.getString("key", 0))
                .collect(Collectors.toSet());
        assertTrue(keys.contains("Ann_Lee/Ann_Lee_0001.jpg"));
    }

    @Test
    void withALandmarkFileImagesWithoutPointsAreSkipped() {
        Path output = temporary.resolve("aligned");

        IngestRun run = IngestRun.of("--format", "lfw", "--input", input.toString(), "--output", output.toString(),
                "--set", "ingest.landmark-file=landmarks.txt", "--set", "ingest.max-skipped-fraction=1");

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(2, manifest.counts().written(), "only the two images with landmarks");
        assertEquals(11, ShardContents.skippedLines(output).stream().filter(l -> l.contains(",bad_landmark_line,"))
                .count());
        assertEquals(List.of(new ProtocolEntry("lfw", ProtocolEntry.TENFOLD, 1, 1)), manifest.protocols());
    }
}
